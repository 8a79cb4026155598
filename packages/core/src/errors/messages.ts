/** All user-facing wording of core errors, in one place. */
export const messages = {
  configIssue: (file: string, path: string, expected: string, received: string) =>
    `${file}: ${path || '(root)'}: expected ${expected}, received ${received}`,
  configNotFound: (cwd: string) =>
    `no mlops config found searching up from ${cwd} (looked for mlops.config.ts/.mts/.js/.mjs/.cjs/.json and "mlops" in package.json); run \`mlops init\` or pass --config PATH`,
  configFileMissing: (file: string) => `config file ${file} does not exist`,
  configLoad: (file: string, reason: string) => `${file}: could not be loaded: ${reason}`,
  envMissing: (name: string) => `environment variable ${name} to be set`,
  pluginNotFound: (name: string, suggestion: string | undefined) =>
    `plugin package "${name}" is not installed${suggestion ? `; did you mean "${suggestion}"?` : ` (install it with \`npm install ${name}\`)`}`,
  pluginNoExport: (slot: string) => `a package with a plugin providing ${slot}`,
  pluginWrongSlot: (plugin: string, provides: string, slot: string) =>
    `plugin "${plugin}" provides ${provides}, but it is configured for slot "${slot}"`,
  pluginCreate: (plugin: string, reason: string) => `plugin "${plugin}" failed to start: ${reason}`,
  missingDependency: (plugin: string, token: string, candidates: string[]) =>
    `plugin "${plugin}" requires ${token}, but no configured plugin provides it` +
    (candidates.length ? `; configure one of: ${candidates.join(', ')}` : ''),
  pluginsFailedToClose: (failures: readonly { plugin: string; reason: string }[]) =>
    [`${failures.length} plugins failed to close:`, ...failures.map((f) => `  plugin "${f.plugin}": ${f.reason}`)].join('\n'),
  cyclicPlugins: (names: string[]) => `plugins depend on each other in a cycle: ${names.join(' -> ')}`,
  unknownPipeline: (name: string, known: string[], suggestion: string | undefined) =>
    `no pipeline named "${name}"${suggestion ? `; did you mean "${suggestion}"?` : ''} (known: ${known.join(', ') || 'none'})`,
  duplicateStep: (pipeline: string, id: string) => `pipeline "${pipeline}" has two steps with id "${id}"; give one an explicit id`,
  cyclicSteps: (pipeline: string, ids: string[]) => `pipeline "${pipeline}" has a cycle: ${ids.join(' -> ')}`,
  foreignInput: (pipeline: string, step: string, input: string) =>
    `pipeline "${pipeline}": step "${step}" input "${input}" refers to a step that is not part of this pipeline`,
  missingOutput: (step: string, output: string, got: string[]) =>
    `step "${step}" did not return output "${output}" (returned: ${got.join(', ') || 'nothing'})`,
  stepFailed: (step: string, reason: string) => `step "${step}" failed: ${reason}`,
  stepAbandoned: 'the attempt was given up on (timed out or cancelled) before its outputs were recorded; they were discarded',
  missingReadFile: (step: string, entry: string, source: string, file: string) => `step "${step}" reads ${JSON.stringify(entry)}${source ? ` (${source})` : ''}: no such file ${file}`,
  fileNotFound: (file: string) => `no such file ${file}`,
  undeclaredUse: (step: string, token: string) => `step "${step}" resolved ${token} without listing it in \`uses\` (step({ uses: [tokens.…] }))`,
  noSerializer: (step: string, output: string, type: string) =>
    `step "${step}" output "${output}": no serializer can store a value of type ${type}; register one in config \`serializers\``,
  frameNotInstalled: (reason: string) => `reading a frame artifact needs @mlops/frame, which could not be loaded (${reason}); install it with \`npm install @mlops/frame\``,
  unknownSerializer: (name: string) => `no serializer named "${name}" is registered (needed to read this artifact)`,
  artifactNotFound: (ref: string) => `artifact ${ref} not found`,
  digestMismatch: (digest: string, actual: string) => `artifact ${digest} is corrupt: its content hashes to ${actual}`,
  runNotFound: (ref: string) => `run ${ref} not found`,
  slotNotConfigured: (description: string, slot: string, file: string, packages: readonly string[]) =>
    `no started plugin provides ${description}: plugins.${slot} is not configured in ${file}${packages.length ? ` (e.g. plugins.${slot}: '${packages[0]}')` : ''}`,
  ambiguousId: (kind: string, prefix: string, n: number) => `${kind} id prefix "${prefix}" matches ${n} ${kind}s; give more characters`,
} as const;
