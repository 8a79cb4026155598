import { describe, expect, it } from '@jest/globals';
import { registryProject } from '../__fixtures__/registryProject';
import { resolveModelSource } from './loadModelSource';

describe('resolveModelSource', () => {
  it('loads the artifact the model runtime declares (onnx by default) and names what is missing', async () => {
    const project = await registryProject();
    try {
      const version = await project.register('m', 0);
      const { registry, artifacts } = project.services;
      const ref = { kind: 'registry' as const, ref: `m:${version}` };
      const onnx = await resolveModelSource(ref, { registry, artifacts, projectRoot: project.dir });
      expect(onnx.info).toMatchObject({ name: 'm', version, alias: null });
      expect((await onnx.bytes()).byteLength).toBeGreaterThan(0);
      // A tfjs runtime reads `artifacts.tfjs`, which this version does not have.
      await expect(resolveModelSource(ref, { registry, artifacts, projectRoot: project.dir, artifactKey: 'tfjs' })).rejects.toThrow('m v1 has no "tfjs" artifact for this model runtime; found onnx');
    } finally {
      await project.close();
    }
  });
});
