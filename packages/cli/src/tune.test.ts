import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describeWithService, postgresTestUrl, tcpTargetOfUrl, uniqueTestName } from '@mlops/testkit';
import { openSqlMetadataStore, sqlHandleOf } from '@mlops/sql-metadata';
import { SqlTracker } from '@mlops/tracker';

// `mlops tune` end to end through the built CLI on a project with the real GBDT trainer, the tracker
// and the tuner: single-process and `--workers 2` runs on SQLite (and on Postgres when it is up).
const repo = path.resolve(__dirname, '../../..');
const bin = path.join(repo, 'packages/cli/bin/mlops.js');
let project: string;

function mlops(args: string[], env: Record<string, string> = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [bin, ...args], { cwd: project, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env }, timeout: 180_000 });
}
const json = (r: SpawnSyncReturns<string>) => {
  if (r.status !== 0) throw new Error(`exit ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout);
};

const nRounds = 60;
const config = (metadataStore: string, trainer = '@mlops/trainer-gbdt') => `
import { defineConfig, defineStudy, env, pipeline, step, tokens } from '@mlops/core';
import { categoryColumn, float64Column, Frame } from '@mlops/frame';
import { evaluateModel } from '@mlops/eval';
import { z } from 'zod';

// Two noisy features decide the class; a seeded generator makes the same rows every run.
function rows(n: number, seed: number): Frame {
  let s = seed;
  const u = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const a = new Float64Array(n), b = new Float64Array(n), c = new Float64Array(n), y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    a[i] = u() * 4 - 2; b[i] = u() * 4 - 2; c[i] = u();
    y[i] = a[i] * a[i] - b[i] + (u() - 0.5) * 1.5 > 0.5 ? 1 : 0;
  }
  return Frame.fromColumns({ a: float64Column(a), b: float64Column(b), c: float64Column(c), y: categoryColumn(y, ['no', 'yes']) });
}
const data = step({ name: 'data', run: () => ({ train: rows(400, 1), test: rows(200, 2) }) });
const train = step({
  name: 'train',
  params: z.object({ trainer: z.record(z.string(), z.unknown()) }),
  uses: [tokens.trainer],
  run: async ({ train, test }: { train: Frame; test: Frame }, ctx) => {
    const model = await ctx.resolve(tokens.trainer).fit(train, 'y', ctx.params.trainer, { seed: 1, validation: test });
    return { evaluation: evaluateModel(model, test, 'y') as never };
  },
});
const toy = pipeline({
  name: 'toy',
  params: z.object({ trainer: z.record(z.string(), z.unknown()).default({}) }),
  build: (p, params) => {
    const d = p.add(data);
    p.add(train, { inputs: { train: d.out.train, test: d.out.test }, params: { trainer: params.trainer } });
  },
});
const study = defineStudy({
  pipeline: 'toy',
  objective: 'train.logLoss',
  space: (t) => ({ trainer: { nRounds: ${nRounds}, learningRate: t.suggestFloat('lr', 0.0005, 0.5, { log: true }), maxDepth: t.suggestInt('depth', 1, 4), minSamplesLeaf: 5 } }),
  intermediate: 'valid_logloss',
  sampler: { kind: 'tpe', seed: 7, constantLiar: true, nStartupTrials: 4 },
  pruner: { kind: 'median', nStartupTrials: 2, nWarmupSteps: 3 },
  trials: 6,
});
// For the logistic regression: L-BFGS iterations report the held-out log loss; a threshold nobody
// meets prunes every trial at its first iteration after the warm-up.
const linear = defineStudy({
  pipeline: 'toy',
  objective: 'train.logLoss',
  space: (t) => ({ trainer: { C: t.suggestFloat('C', 0.001, 1000, { log: true }), maxIter: 100 } }),
  intermediate: 'valid_logloss',
  sampler: { kind: 'random', seed: 1 },
  pruner: { kind: 'threshold', upper: 0, nWarmupSteps: 3 },
});
// For the tfjs trainer: epochs (from 1) report the held-out loss; the threshold prunes at epoch 3.
const tfjs = defineStudy({
  pipeline: 'toy',
  objective: 'train.logLoss',
  space: (t) => ({ trainer: { hiddenLayers: [4], epochs: 40, batchSize: 100, backend: 'cpu', learningRate: t.suggestFloat('lr', 0.001, 0.1, { log: true }) } }),
  intermediate: 'valid_loss',
  sampler: { kind: 'random', seed: 1 },
  pruner: { kind: 'threshold', upper: 0, nWarmupSteps: 3 },
});
export default defineConfig({
  plugins: {
    ${metadataStore}
    trainer: '${trainer}',
    tracker: '@mlops/tracker',
    tuner: { use: '@mlops/tuner', options: { studies: { toy: study, linear, tfjs }, heartbeatMs: 1000, staleAfterMs: 30000 } },
  },
  pipelines: { toy },
});
`;

interface ShownTrial {
  number: number;
  state: string;
  values?: number[];
  intermediate: Record<string, number>;
  userAttrs: { runId?: string };
}

beforeAll(() => {
  project = mkdtempSync(path.join(tmpdir(), 'mlops-tune-'));
  symlinkSync(path.join(repo, 'node_modules'), path.join(project, 'node_modules'), 'dir');
});
afterAll(() => rmSync(project, { recursive: true, force: true }));

describe('mlops tune (SQLite)', () => {
  beforeAll(() => writeFileSync(path.join(project, 'mlops.config.ts'), config('')));

  it('runs a study: pruned trials stop the GBDT at the pruned round, every trial a tracked run nested under the study run', async () => {
    const out = json(mlops(['tune', 'run', 'toy', '--json']));
    expect(out.counts).toMatchObject({ fail: 0, running: 0 });
    expect(out.counts.complete + out.counts.pruned).toBe(6);
    const shown = json(mlops(['tune', 'show', 'toy', '--json']));
    const trials: ShownTrial[] = shown.trials;
    expect(trials.map((t) => t.number)).toEqual([0, 1, 2, 3, 4, 5]);
    const pruned = trials.filter((t) => t.state === 'pruned');
    const complete = trials.filter((t) => t.state === 'complete');
    expect(pruned.length).toBeGreaterThan(0);
    for (const t of complete) expect(Object.keys(t.intermediate)).toHaveLength(nRounds);
    expect(shown.best.values[0]).toBe(Math.min(...complete.map((t) => t.values![0]!)));

    const store = openSqlMetadataStore({ kind: 'sqlite', path: path.join(project, '.mlops', 'metadata.sqlite') });
    await store.start();
    try {
      const tracker = new SqlTracker(sqlHandleOf(store.database, 'test'));
      const study = (await tracker.searchRuns({ experiment: 'tune-toy', parentId: null })).runs;
      expect(study).toHaveLength(1);
      expect(study[0]!.metrics.best_value).toBe(shown.best.values[0]);
      const nested = (await tracker.searchRuns({ parentId: study[0]!.id, limit: 100 })).runs;
      expect(nested.map((r) => r.id).sort()).toEqual(trials.map((t) => t.userAttrs.runId).sort());
      for (const t of pruned) {
        const steps = Object.keys(t.intermediate).map(Number);
        const last = Math.max(...steps);
        expect(last).toBeLessThan(nRounds - 1);
        // The pruned value is the last reported one, and the trainer ran no round after it.
        expect(t.values).toEqual([t.intermediate[String(last)]]);
        const curve = await tracker.metricHistory(t.userAttrs.runId!, 'train.valid_logloss');
        expect(Math.max(...curve.map((p) => p.step))).toBe(last);
        expect(nested.find((r) => r.id === t.userAttrs.runId)!.status).toBe('pruned');
      }
    } finally {
      await store.close();
    }
    // The pipeline runs say so too: `runs ls` lists a pruned trial as pruned, not failed.
    const listed: { id: string; status: string }[] = json(mlops(['runs', 'ls', '--status', 'pruned', '-n', '100', '--json']));
    expect(listed.map((r) => r.id).sort()).toEqual(pruned.map((t) => t.userAttrs.runId).sort());
    expect(json(mlops(['runs', 'ls', '--status', 'failed', '--json']))).toEqual([]);
  });

  it('--workers 2 runs trials in two processes sharing the study, no trial twice; resume fills up to the planned count', () => {
    const out = json(mlops(['tune', 'run', 'toy', '--trials', '6', '--workers', '2', '--json']));
    expect(out.counts.complete + out.counts.pruned + out.counts.fail).toBe(12);
    const trials: ShownTrial[] = json(mlops(['tune', 'show', 'toy', '--json'])).trials;
    expect(trials.map((t) => t.number)).toEqual(Array.from({ length: 12 }, (_, i) => i));
    const runIds = trials.slice(6).map((t) => t.userAttrs.runId!);
    expect(new Set(runIds).size).toBe(6);
    const pids = new Set(runIds.map((id) => json(mlops(['runs', 'show', id, '--json'])).run.pid));
    expect(pids.size).toBe(2);
    expect(pids.has(process.pid)).toBe(false);

    const resumed = json(mlops(['tune', 'resume', 'toy', '--trials', '14', '--json']));
    expect(resumed.counts.complete + resumed.counts.pruned + resumed.counts.fail).toBe(14);
    const again = json(mlops(['tune', 'resume', 'toy', '--trials', '14', '--json']));
    expect(again.counts.complete + again.counts.pruned + again.counts.fail).toBe(14);
    const listed = json(mlops(['tune', 'ls', '--json']));
    expect(listed).toEqual([expect.objectContaining({ name: 'toy', directions: ['minimize'], bestValue: again.best.values[0] })]);
  });

  it('names the studies there are for an unknown one, and refuses --register without a register pipeline', () => {
    const unknown = mlops(['tune', 'run', 'tooy']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('no study "tooy" in plugins.tuner.options.studies (studies: toy, linear, tfjs); did you mean "toy"?');
    const register = mlops(['tune', 'run', 'toy', '--trials', '1', '--register']);
    expect(register.status).toBe(2);
    expect(register.stderr).toContain('--register: study "toy" has no register.pipeline');
    const badFlag = mlops(['tune', 'run', 'toy', '--workers', 'two']);
    expect(badFlag.status).toBe(2);
    expect(badFlag.stderr).toContain("option '-w, --workers <n>' argument 'two' is invalid. expected a whole number ≥ 1, found \"two\"");
    // Nothing ran for the refused commands.
    expect(json(mlops(['tune', 'show', 'toy', '--json'])).trials).toHaveLength(14);
  });

  it('tune report writes the offline HTML page and its JSON from the stored trials', () => {
    const out = path.join(project, 'reports');
    const shown = json(mlops(['tune', 'show', 'toy', '--json']));
    const written = json(mlops(['tune', 'report', 'toy', '--out', out, '--json']));
    expect(written.html).toBe(path.join(out, 'tune-toy.html'));
    expect(written.best).toEqual({ number: shown.best.number, value: shown.best.values[0], params: shown.best.params });
    const data = JSON.parse(readFileSync(written.json, 'utf8'));
    expect(data.trials.number).toEqual(shown.trials.map((t: ShownTrial) => t.number));
    expect(data.counts.complete + data.counts.pruned).toBe(14);
    expect(data.params.map((p: { name: string }) => p.name).sort()).toEqual(['depth', 'lr']);
    // Pruned trials' curves end where they were pruned; complete ones run all rounds.
    for (const c of data.curves.shown) expect(c.steps.length).toBe(Object.keys(shown.trials.find((t: ShownTrial) => t.number === c.number).intermediate).length);
    const html = readFileSync(written.html, 'utf8');
    expect(html).toContain('<h1>Study toy</h1>');
    expect(html).toContain(`Best trial ${shown.best.number}:`);
    expect(html).not.toMatch(/<(link|img|iframe)\b|https?:\/\//);
    const missing = mlops(['tune', 'report', 'nope', '--out', out]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/nope/);
    const noOut = mlops(['tune', 'report', 'toy']);
    expect(noOut.status).toBe(2);
    expect(noOut.stderr).toContain("required option '-o, --out <dir>' not specified");
  });
});

// Runs `trials` trials of a study every one of which the threshold pruner stops after 3 warm-up steps,
// and checks that each reported steps 1–3 only, kept step 3's value and logged no later step.
async function expectPrunedAtStep3(trainer: string, study: string, trials: number, curveMetric: string): Promise<void> {
  const file = `mlops.${study}.config.ts`;
  writeFileSync(path.join(project, file), config('', trainer));
  const out = json(mlops(['--config', file, 'tune', 'run', study, '--trials', String(trials), '--json']));
  expect(out.counts).toMatchObject({ pruned: trials, complete: 0, fail: 0 });
  const shown: ShownTrial[] = json(mlops(['--config', file, 'tune', 'show', study, '--json'])).trials;
  const store = openSqlMetadataStore({ kind: 'sqlite', path: path.join(project, '.mlops', 'metadata.sqlite') });
  await store.start();
  try {
    const tracker = new SqlTracker(sqlHandleOf(store.database, 'test'));
    for (const t of shown) {
      expect(Object.keys(t.intermediate).map(Number)).toEqual([1, 2, 3]);
      expect(t.values).toEqual([t.intermediate['3']]);
      const curve = await tracker.metricHistory(t.userAttrs.runId!, curveMetric);
      expect(curve.map((p) => p.step).sort()).toEqual([1, 2, 3]);
    }
  } finally {
    await store.close();
  }
}

describe('mlops tune prunes inside other trainers', () => {
  // Steps are L-BFGS iterations from 1; the first past the 3 warm-up steps is where it stopped.
  it('logistic regression: training stops at the pruned L-BFGS iteration', () => expectPrunedAtStep3('@mlops/trainer-linear', 'linear', 3, 'train.valid_logloss'));
  // Epochs from 1: 3 of 40 ran.
  it('tfjs: the network stops at the epoch the pruner says', () => expectPrunedAtStep3('@mlops/trainer-tfjs', 'tfjs', 2, 'train.valid_loss'));
});

// A study whose single step hangs in the first trial that reaches it (the marker file says which
// worker), so the test can SIGKILL that worker mid-trial.
const flakyConfig = `
import { writeFileSync } from 'node:fs';
import { defineConfig, defineStudy, pipeline, step } from '@mlops/core';
import { z } from 'zod';

const score = step({
  name: 'score',
  params: z.object({ x: z.number() }),
  run: async (_inputs: Record<string, never>, ctx) => {
    const marker = process.env.HANG_MARKER;
    let first = false;
    try {
      if (marker) writeFileSync(marker, String(process.pid), { flag: 'wx' });
      first = Boolean(marker);
    } catch {}
    if (first) await new Promise((resolve) => setTimeout(resolve, 120_000));
    return { metrics: { loss: (ctx.params.x - 1) ** 2 } };
  },
});
const flaky = pipeline({ name: 'flaky', params: z.object({ x: z.number().default(0) }), build: (p, params) => void p.add(score, { params: { x: params.x } }) });
export default defineConfig({
  plugins: {
    tuner: { use: '@mlops/tuner', options: { heartbeatMs: 200, staleAfterMs: 1500, studies: { flaky: defineStudy({ pipeline: 'flaky', objective: 'score.loss', space: (t) => ({ x: t.suggestFloat('x', -3, 3) }), sampler: { kind: 'random', seed: 3 }, maxRetries: 1 }) } } },
  },
  pipelines: { flaky },
});
`;

describe('mlops tune retries the trial of a killed worker', () => {
  it('--workers 2 with one worker SIGKILLed mid-trial: its trial fails by heartbeat and is re-run with the same params', async () => {
    writeFileSync(path.join(project, 'mlops.flaky.config.ts'), flakyConfig);
    const marker = path.join(project, 'hang.pid');
    const run = spawn(process.execPath, [bin, '--config', 'mlops.flaky.config.ts', 'tune', 'run', 'flaky', '--trials', '4', '--workers', '2'], { cwd: project, env: { ...process.env, NO_COLOR: '1', HANG_MARKER: marker }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    run.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => run.on('close', resolve));
    for (const deadline = Date.now() + 90_000; !(existsSync(marker) && readFileSync(marker, 'utf8')); ) {
      if (Date.now() > deadline) throw new Error(`no worker reached the step: ${stderr}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    process.kill(Number(readFileSync(marker, 'utf8')), 'SIGKILL');
    const killedAt = Date.now();
    expect(await exited).toBe(1);
    expect(stderr).toMatch(/worker \d \(pid \d+\) exited SIGKILL/);
    // Past staleAfterMs, the next ask (here `resume`'s) fails the silent trial and enqueues its retry first.
    await new Promise((r) => setTimeout(r, Math.max(0, killedAt + 2000 - Date.now())));
    json(mlops(['--config', 'mlops.flaky.config.ts', 'tune', 'resume', 'flaky', '--trials', '4', '--json']));
    const trials: (ShownTrial & { params: { x: number }; error?: string; retriedFrom?: number })[] = json(mlops(['--config', 'mlops.flaky.config.ts', 'tune', 'show', 'flaky', '--json'])).trials;
    const failed = trials.filter((t) => t.state === 'fail');
    expect(failed).toHaveLength(1);
    expect(failed[0]!.error).toBe('no heartbeat for 1500 ms');
    const retries = trials.filter((t) => t.retriedFrom !== undefined);
    expect(retries.map((t) => [t.retriedFrom, t.state, t.params, t.values])).toEqual([[failed[0]!.number, 'complete', failed[0]!.params, [(failed[0]!.params.x - 1) ** 2]]]);
    // Four planned, four results: the retry stands for the failed trial, whether the surviving worker
    // or the resume failed it (on a loaded machine the survivor may start after staleAfterMs).
    expect(trials.filter((t) => t.state === 'complete')).toHaveLength(4);
  });
});

describeWithService('postgres', tcpTargetOfUrl(postgresTestUrl(), 5432), () => {
  it('two worker processes share one study in a Postgres schema without running a trial twice', () => {
    const schema = uniqueTestName();
    writeFileSync(path.join(project, 'mlops.config.ts'), config(`metadataStore: { use: '@mlops/storage-postgres', options: { connection: env('PG_URL'), schema: '${schema}' } },`));
    const env = { PG_URL: postgresTestUrl() };
    try {
      const out = json(mlops(['tune', 'run', 'toy', '--trials', '6', '--workers', '2', '--json'], env));
      expect(out.counts.complete + out.counts.pruned).toBe(6);
      const trials: ShownTrial[] = json(mlops(['tune', 'show', 'toy', '--json'], env)).trials;
      expect(trials.map((t) => t.number)).toEqual([0, 1, 2, 3, 4, 5]);
      expect(new Set(trials.map((t) => t.userAttrs.runId)).size).toBe(6);
    } finally {
      spawnSync('psql', [postgresTestUrl(), '-c', `drop schema if exists ${schema} cascade`], { encoding: 'utf8' });
    }
  });
});

// A study that cannot work stops at its first trial instead of failing every trial alike, and a run
// whose trials all failed does not exit 0.
describe('mlops tune stops on bad input and fails when every trial failed', () => {
  let own: string;
  const ownConfig = `
import { defineConfig, defineStudy, pipeline, step } from '@mlops/core';
import { z } from 'zod';
const score = step({
  name: 'score',
  params: z.object({ x: z.number() }),
  run: (_inputs, ctx) => {
    if (ctx.params.x > 100) throw new Error('disk on fire');
    return { metrics: { loss: (ctx.params.x - 1) ** 2 } };
  },
});
const quad = pipeline({
  name: 'quad',
  params: z.object({ x: z.number().default(0) }),
  build: (p, params) => void p.add(score, { params: { x: params.x } }),
});
const space = (t: { suggestFloat(n: string, lo: number, hi: number): number }) => ({ x: t.suggestFloat('x', -5, 5) });
export default defineConfig({
  plugins: {
    tracker: '@mlops/tracker',
    tuner: { use: '@mlops/tuner', options: { studies: {
      ok: defineStudy({ pipeline: 'quad', objective: 'score.loss', space, sampler: { kind: 'random', seed: 1 } }),
      typo: defineStudy({ pipeline: 'quad', objective: 'score.los', space, sampler: { kind: 'random', seed: 1 } }),
      extra: defineStudy({ pipeline: 'quad', objective: 'score.loss', space: (t) => ({ ...space(t), y: 1 }), sampler: { kind: 'random', seed: 1 } }),
      broken: defineStudy({ pipeline: 'quad', objective: 'score.loss', space: (t) => ({ x: t.suggestFloat('x', 200, 300) }), sampler: { kind: 'random', seed: 1 } }),
    } } },
  },
  pipelines: { quad },
});
`;
  const run = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: own, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 180_000 });
  const trialsOf = (study: string) => JSON.parse(run(['tune', 'show', study, '--json']).stdout).trials as { number: number; state: string; error?: string }[];
  // The study's tracked run (experiment tune-<study>, no parent), read from the project's tracker.
  async function studyRunStatus(study: string): Promise<string | undefined> {
    const store = openSqlMetadataStore({ kind: 'sqlite', path: path.join(own, '.mlops', 'metadata.sqlite') });
    await store.start();
    try {
      const { runs } = await new SqlTracker(sqlHandleOf(store.database, 'test')).searchRuns({ experiment: `tune-${study}`, parentId: null });
      expect(runs).toHaveLength(1);
      return runs[0]!.status;
    } finally {
      await store.close();
    }
  }

  beforeAll(() => {
    own = mkdtempSync(path.join(tmpdir(), 'mlops-tune-bad-'));
    symlinkSync(path.join(repo, 'node_modules'), path.join(own, 'node_modules'), 'dir');
    writeFileSync(path.join(own, 'mlops.config.ts'), ownConfig);
  });
  afterAll(() => rmSync(own, { recursive: true, force: true }));

  it('an objective naming a metric the step does not report: exit 2 after one trial, naming the metrics there are', async () => {
    const r = run(['tune', 'run', 'typo', '--trials', '5']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('step "score" reported no metric "los" (it reported loss)');
    expect(trialsOf('typo').map((t) => t.state)).toEqual(['fail']);
    expect(await studyRunStatus('typo')).toBe('failed');
  });

  it('params the pipeline refuses: exit 2 after one trial, in one process and with --workers 2', () => {
    const one = run(['tune', 'run', 'extra', '--trials', '5']);
    expect(one.status).toBe(2);
    expect(one.stderr).toContain('pipeline "quad" params');
    expect(one.stderr).toMatch(/\by\b.*expected/);
    expect(trialsOf('extra').map((t) => t.state)).toEqual(['fail']);
    const two = run(['tune', 'run', 'extra', '--trials', '6', '--workers', '2']);
    expect(two.status).toBe(2);
    expect(two.stderr).toContain('pipeline "quad" params');
    // Each worker stops at its own first trial: two more, not six.
    expect(trialsOf('extra').map((t) => t.state)).toEqual(['fail', 'fail', 'fail']);
  });

  it('a step failing at run time fails only its trial; when every trial of the run failed the command exits 1', () => {
    const r = run(['tune', 'run', 'broken', '--trials', '3']);
    expect(r.status).toBe(1);
    expect(trialsOf('broken').map((t) => t.state)).toEqual(['fail', 'fail', 'fail']);
    expect(r.stderr).toContain('error: all 3 trial(s) of this run failed; trial 0:');
    expect(r.stderr).toContain('disk on fire');
  });

  it('a study whose trials complete exits 0', async () => {
    const r = run(['tune', 'run', 'ok', '--trials', '3', '--json']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).counts).toMatchObject({ complete: 3, fail: 0 });
    expect(await studyRunStatus('ok')).toBe('succeeded');
  });
});
