import { randomBytes } from 'node:crypto';
import type { NewArtifact, RunRecord, StepRunRecord } from '@mlops/core';

/** A short random id part, so tests sharing one store never collide. */
export const uid = () => randomBytes(6).toString('hex');

/** A complete run record with every field set; override what the test is about. */
export function sampleRun(overrides: Partial<RunRecord> = {}): RunRecord {
  return {
    id: `run-${uid()}`,
    pipeline: `pipe-${uid()}`,
    status: 'running',
    params: { lr: 0.1, layers: [64, 32], nested: { ok: true, none: null }, name: 'ü ✓' },
    startedAt: 1_700_000_000_000,
    endedAt: null,
    error: null,
    host: 'test-host',
    pid: 4242,
    configDigest: 'sha256:abc',
    tags: { team: 'ml', 'git.sha': 'deadbeef' },
    ...overrides,
  };
}

/** A complete step run of `run`. */
export function sampleStepRun(run: RunRecord, overrides: Partial<StepRunRecord> = {}): StepRunRecord {
  return {
    id: `step-${uid()}`,
    runId: run.id,
    step: 'train',
    status: 'running',
    cacheKey: `key-${uid()}`,
    codeDigest: 'sha256:code',
    params: { epochs: 3 },
    startedAt: run.startedAt + 1,
    endedAt: null,
    logs: '',
    error: null,
    cachedFrom: null,
    ...overrides,
  };
}

/** A new artifact produced by `stepRun`. */
export function sampleArtifact(stepRun: StepRunRecord, overrides: Partial<NewArtifact> = {}): NewArtifact {
  return {
    id: `art-${uid()}`,
    name: `pipe/${stepRun.step}/model`,
    digest: `sha256:${'0'.repeat(64)}`,
    size: 3_000_000_000, // above 2^31: sizes must not be stored as 32-bit integers
    serializer: 'json',
    runId: stepRun.runId,
    stepRunId: stepRun.id,
    output: 'model',
    createdAt: stepRun.startedAt + 2,
    metadata: { rows: 569, columns: ['a', 'b'], digest: null },
    ...overrides,
  };
}
