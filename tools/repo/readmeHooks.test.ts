import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { createRuntime, resolveConfig, silentLogger, tokens, type AnyPlugin, type PredictionsServedEvent } from '@mlops/core';
import { memoryArtifactStore, memoryMetadataStore } from '@mlops/testkit';

// The README's hook example is run as written: extracted from the README, compiled, loaded as a
// plugin, and fed prediction events through a real runtime's hooks.
const root = path.resolve(__dirname, '../..');
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');

function readmeExample(): { exports: Record<string, unknown>; lines: number } {
  const block = readme.match(/<!-- hooks-example[^>]*-->\s*```ts\n([\s\S]*?)```/);
  if (!block) throw new Error('README.md: no ```ts block after <!-- hooks-example -->');
  const source = block[1]!.replace(/^ {2}/gm, '');
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  const module = { exports: {} as Record<string, unknown> };
  new Function('require', 'module', 'exports', js)(require, module, module.exports);
  return { exports: module.exports, lines: source.trim().split('\n').length };
}

describe('README: the prediction-counting plugin', () => {
  it('is about ten lines, counts the rows of every predictionsServed event, and logs the total on close', async () => {
    const example = readmeExample();
    expect(example.lines).toBeLessThanOrEqual(12);
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
