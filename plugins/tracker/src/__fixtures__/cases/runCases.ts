import { describe, expect, it } from '@jest/globals';
import type { RunEnvironment } from '@mlops/core';
import { experimentName } from '../useTracker';
import type { TrackerSubject } from '../trackerSubjects';

const environment: RunEnvironment = {
  git: { commit: 'abc123', branch: 'main', dirty: false },
  node: 'v20.0.0',
  os: { platform: 'linux', release: '6.1', arch: 'x64' },
  host: 'box',
  lockfileDigest: 'sha256:00',
  packages: { '@mlops/core': '0.1.0' },
  configDigest: null,
};

/** startRun, endRun, getRun (id, prefix, latest), tags, datasets and artifacts. */
export function runCases(subject: () => TrackerSubject): void {
  const tracker = () => subject().tracker;

  describe('runs', () => {
    it('starts a run with defaults and reads it back whole', async () => {
      const before = Date.now();
      const run = await tracker().startRun({ experiment: experimentName('start') });
      expect(run).toMatchObject({ name: null, parentId: null, status: 'running', endedAt: null, params: {}, metrics: {}, tags: {}, datasets: [], artifacts: [], environment: null, pipelineRunId: null });
      expect(run.id).toMatch(/^[0-9a-z]{20}$/);
      expect(run.startedAt).toBeGreaterThanOrEqual(before);
      expect(await tracker().getRun(run.id)).toEqual(run);
    });

    it('keeps the given id, name, params, tags, environment and pipeline run id', async () => {
      const id = `given-${Math.random().toString(36).slice(2)}`;
      const run = await tracker().startRun({
        id,
        experiment: experimentName('given'),
        name: 'baseline',
        params: { lr: 0.1, model: 'gbdt', train: { maxDepth: 4, features: ['a', 'b'] } },
        tags: { team: 'risk' },
        environment,
        pipelineRunId: 'pipe-1',
        startedAt: 1_700_000_000_000,
      });
      expect(run).toMatchObject({ id, name: 'baseline', startedAt: 1_700_000_000_000, tags: { team: 'risk' }, environment, pipelineRunId: 'pipe-1' });
      expect(await tracker().getRun(id)).toEqual(run);
    });

    it('refuses a taken id and an unknown parent', async () => {
      const run = await tracker().startRun({ experiment: experimentName('dup') });
      await expect(tracker().startRun({ id: run.id, experiment: 'x' })).rejects.toMatchObject({ code: 'E_TRACKER_DUPLICATE_RUN', message: `a tracked run with id ${run.id} already exists` });
      await expect(tracker().startRun({ id: 'orphan', experiment: 'x', parentId: 'no-such-parent' })).rejects.toMatchObject({
        code: 'E_NOT_FOUND',
        message: 'cannot start run orphan: its parent run no-such-parent does not exist',
      });
      expect(await tracker().getRun('orphan')).toBeUndefined();
    });

    it('ends a run with a final status, and rejects unknown runs and statuses', async () => {
      const run = await tracker().startRun({ experiment: experimentName('end') });
      await tracker().endRun(run.id, 'succeeded', run.startedAt + 5);
      expect(await tracker().getRun(run.id)).toMatchObject({ status: 'succeeded', endedAt: run.startedAt + 5 });
      await expect(tracker().endRun('no-such-run', 'failed')).rejects.toMatchObject({ code: 'E_NOT_FOUND', message: 'tracked run no-such-run not found' });
      await expect(tracker().endRun(run.id, 'running' as never)).rejects.toMatchObject({ code: 'E_TRACKER_INPUT' });
    });

    it('finds a run by unique prefix, lists candidates of an ambiguous one, and returns undefined for none', async () => {
      const stem = `pfx${Math.random().toString(36).slice(2, 8)}`;
      for (const suffix of ['aa1', 'aa2', 'b']) await tracker().startRun({ id: `${stem}${suffix}`, experiment: experimentName('prefix') });
      expect((await tracker().getRun(`${stem}b`))?.id).toBe(`${stem}b`);
      expect((await tracker().getRun(`${stem}aa1`))?.id).toBe(`${stem}aa1`);
      await expect(tracker().getRun(`${stem}aa`)).rejects.toMatchObject({
        code: 'E_NOT_FOUND',
        message: `run id prefix "${stem}aa" matches 2 runs (${stem}aa1, ${stem}aa2); give more characters`,
      });
      expect(await tracker().getRun(`${stem}zz`)).toBeUndefined();
      expect(await tracker().getRun('')).toBeUndefined();
    });

    it('resolves latest to the newest top-level run, not a nested one', async () => {
      const far = 4_000_000_000_000;
      const parent = await tracker().startRun({ experiment: experimentName('latest'), startedAt: far });
      await tracker().startRun({ experiment: parent.experiment, parentId: parent.id, startedAt: far + 10 });
      expect((await tracker().getRun('latest'))?.id).toBe(parent.id);
    });

    it('overwrites tags, merges datasets and artifacts, and shows them on the run', async () => {
      const run = await tracker().startRun({ experiment: experimentName('attach'), tags: { team: 'risk', stage: 'dev' } });
      await tracker().setTags(run.id, { stage: 'prod', owner: 'ana' });
      const input = { name: 'data/train.csv', digest: 'sha256:aa', role: 'input' as const, rows: 100, artifactId: null };
      await tracker().logDatasets(run.id, [input, { name: 'split/test', digest: 'sha256:bb', role: 'output', rows: 20, artifactId: 'art-1' }]);
      await tracker().logDatasets(run.id, [{ ...input, rows: 101 }]);
      await tracker().logArtifacts(run.id, [{ name: 'model', digest: 'sha256:cc', artifactId: 'art-2' }]);
      await tracker().logArtifacts(run.id, [{ name: 'model', digest: 'sha256:cc', artifactId: 'art-2' }, { name: 'report', digest: 'sha256:dd' }]);
      const found = await tracker().getRun(run.id);
      expect(found?.tags).toEqual({ team: 'risk', stage: 'prod', owner: 'ana' });
      expect(found?.datasets).toEqual([
        { ...input, rows: 101 },
        { name: 'split/test', digest: 'sha256:bb', role: 'output', rows: 20, artifactId: 'art-1' },
      ]);
      expect(found?.artifacts).toEqual([
        { name: 'model', digest: 'sha256:cc', artifactId: 'art-2' },
        { name: 'report', digest: 'sha256:dd', artifactId: null },
      ]);
    });

    it('rejects writes to an unknown run and malformed tags, datasets and artifacts', async () => {
      for (const write of [
        () => tracker().setTags('ghost', { a: 'b' }),
        () => tracker().setTags('ghost', {}),
        () => tracker().logDatasets('ghost', [{ name: 'd', digest: 'sha256:0', role: 'input' }]),
        () => tracker().logArtifacts('ghost', [{ name: 'a', digest: 'sha256:0' }]),
      ]) {
        await expect(write()).rejects.toMatchObject({ code: 'E_NOT_FOUND', message: 'tracked run ghost not found' });
      }
      const run = await tracker().startRun({ experiment: experimentName('bad') });
      await expect(tracker().setTags(run.id, { n: 5 as unknown as string })).rejects.toMatchObject({ code: 'E_TRACKER_INPUT', message: `run ${run.id}: tag "n": expected a string, received 5` });
      await expect(tracker().logDatasets(run.id, [{ name: 'd', digest: 'sha256:0', role: 'both' as never }])).rejects.toMatchObject({ code: 'E_TRACKER_INPUT' });
      await expect(tracker().logArtifacts(run.id, [{ name: '', digest: 'sha256:0' }])).rejects.toMatchObject({ code: 'E_TRACKER_INPUT' });
    });

    it('is healthy', async () => {
      expect(await tracker().health()).toEqual({ ok: true });
    });
  });
}
