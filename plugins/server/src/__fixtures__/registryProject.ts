import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRuntime, resolveConfig, silentLogger, tokens, type ModelFeatures, type Runtime } from '@mlops/core';
import { modelRegistry } from '@mlops/model-registry';
import { onnxRuntime } from '@mlops/runtime-onnx';
import { localArtifactStore, sqliteMetadataStore } from '@mlops/storage-local';
import type { HttpModelServerServices } from '../HttpModelServer';
import { servingModel, signature } from './servingModel';

/** A temp project with SQLite metadata, local artifacts, the registry and the ONNX runtime. */
export interface RegistryProject {
  dir: string;
  runtime: Runtime;
  services: Partial<HttpModelServerServices>;
  /** Registers a fixture model (`shift` changes it) and returns its version. */
  register(name: string, shift: number, features?: ModelFeatures): Promise<number>;
  /** Moves `champion` (or another alias) to `version`, forced: these tests are about serving, not the gate. */
  promote(name: string, version: number, alias?: string): Promise<void>;
  close(): Promise<void>;
}

export async function registryProject(): Promise<RegistryProject> {
  const dir = await mkdtemp(join(tmpdir(), 'mlops-server-registry-'));
  const config = await resolveConfig(
    { plugins: { metadataStore: sqliteMetadataStore, artifactStore: localArtifactStore, modelRegistry, modelRuntime: onnxRuntime } },
    join(dir, 'mlops.config.ts'),
  );
  const runtime = await createRuntime(config, { logger: silentLogger });
  const registry = runtime.get(tokens.modelRegistry);
  const artifacts = runtime.get(tokens.artifactStore);
  return {
    dir,
    runtime,
    services: { runtime: runtime.get(tokens.modelRuntime), registry, artifacts, projectRoot: dir, stateDir: join(dir, '.mlops') },
    async register(name, shift, features) {
      const onnx = await artifacts.put(await servingModel(shift));
      return (await registry.register({ name, artifacts: { onnx: onnx.digest }, signature, features })).version;
    },
    async promote(name, version, alias = 'champion') {
      if (alias === 'champion') await registry.promote(name, version, { force: true, reason: 'test' });
      else await registry.setAlias(name, alias, version, { reason: 'test' });
    },
    async close() {
      await runtime.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
