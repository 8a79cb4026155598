import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { createRuntime, isPlugin, pluginsInModule, resolveConfig, silentLogger, tokens } from '@mlops/core';
import { onnxRuntime } from '@mlops/runtime-onnx';
import { memoryArtifactStore, memoryMetadataStore } from '@mlops/testkit';
import { call } from './__fixtures__/http';
import { modelFiles } from './__fixtures__/startServer';
import * as mod from './index';
import { httpServer } from './plugin';

describe('httpServer plugin', () => {
  it('provides the server, requires a model runtime, uses the registry, artifacts, feature store and monitor when configured', () => {
    expect(isPlugin(httpServer)).toBe(true);
    expect(httpServer).toMatchObject({ name: 'server', provides: tokens.server, requires: [tokens.modelRuntime], optional: [tokens.modelRegistry, tokens.artifactStore, tokens.featureStore, tokens.monitor] });
    expect(mod.default).toEqual([httpServer]);
    expect(pluginsInModule(mod as unknown as Record<string, unknown>).map((p) => p.provides.id)).toEqual([tokens.server.id]);
  });

  it('starts from a config in a runtime, serves, and closes with it', async () => {
    const files = await modelFiles();
    const config = await resolveConfig(
      { plugins: { artifactStore: memoryArtifactStore, metadataStore: memoryMetadataStore, modelRuntime: onnxRuntime, server: { use: httpServer, options: { modelFile: 'model.onnx', signatureFile: 'signature.json', port: 0, workers: 1 } } } },
      join(files.dir, 'mlops.config.ts'),
    );
    const runtime = await createRuntime(config, { logger: silentLogger });
    try {
      const server = runtime.get(tokens.server);
      // Started by the runtime but not serving: only `listen` (what `mlops serve` calls) binds a port.
      expect(server.url).toBeUndefined();
      expect(await runtime.health()).toMatchObject({ server: { ok: true, detail: 'not listening (mlops serve starts it)' } });
      await server.listen();
      expect(server.model()).toMatchObject({ name: 'model', version: null });
      expect((await call(server.url!, 'POST', '/predict', { body: { row: { a: 1, b: 2, c: null } } })).status).toBe(200);
      expect(await runtime.health()).toMatchObject({ server: { ok: true, detail: expect.stringMatching(/^model v- on http:\/\/127\.0\.0\.1:\d+$/) } });
    } finally {
      await runtime.close();
      await rm(files.dir, { recursive: true, force: true });
    }
  });
});
