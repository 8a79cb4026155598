import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from '@jest/globals';
import { tokens } from '@mlops/core';
import type { Cluster } from './cluster';

/** How a test takes a service away from the workers and gives it back. */
export interface Outage {
  /** Starts the outage (called once three steps run); may assert that it took effect. */
  down(): Promise<void>;
  /** Ends it; may assert how the service came back. */
  up(): Promise<void>;
  /** How long the service stays away. */
  ms: number;
}

/**
 * Six 1.5 s steps of the `fanout` pipeline on the cluster's three workers: the outage starts once
 * three run, so they finish (and try to record their completion) while it lasts and three wait to be
 * claimed. Afterwards no worker has exited, the run succeeded with one succeeded step run per step
 * (a step whose completion was lost ran again: at least once, recorded once), and a new run goes through.
 */
export async function runThroughOutage(cluster: Cluster, outage: Outage): Promise<void> {
  const o = cluster.orchestrator;
  const { run } = await o.submit({ pipeline: 'fanout', params: { parts: 6, ms: 1500 } });
  const executions = (k: number) => {
    try {
      return readFileSync(join(cluster.dir, `${run.id}.work-${k}`), 'utf8').trim().split('\n').length;
    } catch {
      return 0;
    }
  };
  const started = () => [0, 1, 2, 3, 4, 5].filter((k) => executions(k) > 0).length;
  for (let i = 0; i < 400 && started() < 3; i++) await new Promise((r) => setTimeout(r, 50));
  expect(started()).toBeGreaterThanOrEqual(3);
  await outage.down();
  await new Promise((r) => setTimeout(r, outage.ms));
  const alive = () => cluster.workers.map((w) => w.exitCode ?? w.signalCode);
  expect(alive()).toEqual([null, null, null]);
  await outage.up();

  const done = await o.waitForRun(run.id, { timeoutMs: 60_000 }).catch(async (e) => {
    console.log(JSON.stringify(await o.getRun(run.id), null, 1));
    throw e;
  });
  expect(done.status).toBe('succeeded');
  expect(done.steps.map((s) => s.status)).toEqual(done.steps.map(() => 'succeeded'));
  const stepRuns = await cluster.runtime.get(tokens.metadataStore).listStepRuns(run.id);
  expect(stepRuns.filter((s) => s.status === 'succeeded').map((s) => s.step).sort()).toEqual(done.steps.map((s) => s.stepId).sort());
  for (let k = 0; k < 6; k++) expect(executions(k)).toBeGreaterThanOrEqual(1);
  expect(alive()).toEqual([null, null, null]);
  const next = await o.waitForRun((await o.submit({ pipeline: 'fanout', params: { parts: 3, ms: 0 } })).run.id, { timeoutMs: 60_000 });
  expect(next.status).toBe('succeeded');
}
