import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { createRuntime, resolveConfig, silentLogger, tokens, type AnyPlugin, type PredictionsServedEvent } from '@mlops/core';
import { memoryArtifactStore, memoryMetadataStore } from '@mlops/testkit';

// The README's hook example is checked and run as written: extracted from the README, type-checked
// against core's sources (so it fails when core's types move on and the README does not), compiled,
// loaded as a plugin, and fed prediction events through a real runtime's hooks.
const root = path.resolve(__dirname, '../..');
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');

function exampleSource(text = readme): string {
  const block = text.match(/<!-- hooks-example[^>]*-->\s*```ts\n([\s\S]*?)```/);
  if (!block) throw new Error('README.md: no ```ts block after <!-- hooks-example -->');
  return block[1]!.replace(/^ {2}/gm, '');
}

/** tsc's diagnostics for `source` as a file of the repo, compiled with the spec config (core from source). */
function typeErrors(source: string): string[] {
  const configFile = path.join(root, 'tsconfig.spec.json');
  const { config } = ts.readConfigFile(configFile, ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, root, undefined, configFile);
  const file = path.join(root, 'tools/repo/readme-hooks-example.ts');
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version, ...rest) => (name === file ? ts.createSourceFile(name, source, version) : getSourceFile(name, version, ...rest));
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => name === file || fileExists(name);
  const program = ts.createProgram([file], { ...options, noEmit: true }, host);
  return ts.getPreEmitDiagnostics(program, program.getSourceFile(file)).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

function readmeExample(): { exports: Record<string, unknown>; lines: number } {
  const source = exampleSource();
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  const module = { exports: {} as Record<string, unknown> };
  new Function('require', 'module', 'exports', js)(require, module, module.exports);
  return { exports: module.exports, lines: source.trim().split('\n').length };
}

describe('README: the prediction-counting plugin', () => {
  it('type-checks against core: the plugin fits the slot it provides', () => {
    expect(typeErrors(exampleSource())).toEqual([]);
    // The check bites: the README's old example (no Monitor methods) no longer fits the monitor slot.
    const old = exampleSource().replace(/create: \(ctx\)[^\n]*\n/, 'create: (ctx) => {\n').replace(/const noLog[\s\S]*?\};\n\s*\},\n\}\);/, 'return { served: () => served, close: () => ctx.logger.info(`served ${served} predictions`) };\n  },\n});');
    expect(old).toContain('return { served: () => served, close');
    expect(typeErrors(old).join('\n')).toMatch(/evaluateEveryMs/);
  }, 120_000);

  it('is about twenty lines, counts the rows of every predictionsServed event, and logs the total on close', async () => {
    const example = readmeExample();
    expect(example.lines).toBeLessThanOrEqual(22);
    const { predictionCounter } = example.exports as { predictionCounter: AnyPlugin };
    const lines: string[] = [];
    const logger = { ...silentLogger, info: (m: string) => void lines.push(m) };
    const config = await resolveConfig({ plugins: { artifactStore: memoryArtifactStore, metadataStore: memoryMetadataStore, monitor: predictionCounter } }, path.join(root, 'mlops.config.ts'), {});
    const runtime = await createRuntime(config, { logger });
    const event = (rows: number) => ({ rows }) as PredictionsServedEvent;
    runtime.hooks.announce('predictionsServed', event(3), 3);
    runtime.hooks.announce('predictionsServed', event(64), 64);
    const counter = runtime.get(tokens.monitor) as unknown as { served(): number };
    expect(counter.served()).toBe(0); // announced events run off the caller's path
    await runtime.hooks.flush();
    expect(counter.served()).toBe(67);
    await runtime.close();
    expect(lines).toContain('served 67 predictions');
  });
});
