/** All wording of the registry's errors and refusals, in one place. */
export const registryMessages = {
  badName: (name: string) => `model name: expected letters, digits and . _ - / (starting with a letter or digit), received ${JSON.stringify(name)}`,
  badAlias: (alias: string) => `alias: expected a letter followed by letters, digits, _ or -, received ${JSON.stringify(alias)}`,
  badVersion: (version: unknown) => `version: expected a positive integer, received ${JSON.stringify(version)}`,
  badRef: (ref: string) => `model reference: expected name, name@alias, name@3 or name:3, received ${JSON.stringify(ref)}`,
  noModel: (name: string, known: string[], suggestion: string | undefined) =>
    `no model named "${name}"${suggestion ? `; did you mean "${suggestion}"?` : ''} (registered: ${known.join(', ') || 'none'})`,
  noVersion: (name: string, ref: string, versions: number[], aliases: Record<string, number>) =>
    `model "${name}" has no ${ref}; versions: ${versions.join(', ') || 'none'}; aliases: ${
      Object.entries(aliases).map(([a, v]) => `${a} -> v${v}`).join(', ') || 'none'
    }`,
  missingArtifact: (name: string, key: string, digest: string) =>
    `register "${name}": artifacts.${key} ${digest} is not in the artifact store; store it first (put) and pass the digest it returns`,
  badDigest: (name: string, key: string, digest: unknown) =>
    `register "${name}": artifacts.${key}: expected a "sha256:<64 hex>" digest, received ${JSON.stringify(digest)}`,
  gatedAlias: (alias: string, name: string, version: number) =>
    `alias "${alias}" is gated: only promote moves it (registry.promote('${name}', ${version}, { to: '${alias}' }) or \`mlops models promote ${name} ${version}\`)`,
  forceNeedsReason: (name: string, version: number, alias: string) =>
    `promote ${name} v${version} to ${alias} with force: expected a non-empty reason (it is recorded in the audit trail)`,
  noPreviousVersion: (name: string, alias: string, current: number | undefined) =>
    current === undefined
      ? `cannot roll back ${alias} of "${name}": the alias is not set`
      : `cannot roll back ${alias} of "${name}": it points at v${current} and has no earlier version to go back to`,
  refusedTitle: (name: string, version: number, alias: string) => `promotion of ${name} v${version} to ${alias} refused`,
} as const;
