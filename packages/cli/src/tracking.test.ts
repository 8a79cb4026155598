import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

// End-to-end through the built CLI: a project with the tracker, the registry and the alert sink, and
// a pipeline whose register step gets its ROC-AUC from a param, so each run's candidate is chosen.
const repo = path.resolve(__dirname, '../../..');
const bin = path.join(repo, 'packages/cli/bin/mlops.js');
let project: string;

function mlops(args: string[], env: Record<string, string> = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [bin, ...args], { cwd: project, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', MLOPS_ACTOR: 'ci-bot', ...env }, timeout: 60_000 });
}
const json = (r: SpawnSyncReturns<string>) => JSON.parse(r.stdout);

const config = `
import { defineConfig, pipeline, step, tokens } from '@mlops/core';
import { z } from 'zod';

const evalSet = 'sha256:' + 'e'.repeat(64);
const train = step({
  name: 'train',
  params: z.object({ auc: z.number(), seed: z.number() }),
  run: async (_inputs, ctx) => {
    await ctx.track.metrics({ rocAuc: ctx.params.auc, logLoss: 1 - ctx.params.auc });
    return { model: new TextEncoder().encode('model trained with seed ' + ctx.params.seed + ' for auc ' + ctx.params.auc) };
  },
});
const register = step({
  name: 'register',
  cache: false,
  uses: [tokens.modelRegistry, tokens.artifactStore],
  params: z.object({ auc: z.number() }),
  run: async ({ model }: { model: Uint8Array }, ctx) => {
    const blob = await ctx.resolve(tokens.artifactStore).put(model);
    const v = await ctx.resolve(tokens.modelRegistry).register({
      name: 'toy',
      runId: ctx.runId,
      artifacts: { onnx: blob.digest },
      signature: { task: 'binary', inputs: [{ name: 'x', type: 'float' }], outputs: [{ name: 'probabilities', type: 'float', shape: [null, 2] }], classes: ['no', 'yes'] },
      evaluation: { datasetDigest: evalSet, datasetName: 'holdout', metrics: { rocAuc: ctx.params.auc, logLoss: 1 - ctx.params.auc } },
    });
    return { registration: { version: v.version } };
  },
});
const p = pipeline({
  name: 'toy',
  params: z.object({ auc: z.number(), seed: z.number().default(1) }),
  build: (b, params) => {
    const t = b.add(train, { params: { auc: params.auc, seed: params.seed } });
    b.add(register, { inputs: { model: t.out.model }, params: { auc: params.auc } });
  },
});
export default defineConfig({
  plugins: {
    tracker: '@mlops/tracker',
    alertSink: '@mlops/alerts',
    modelRegistry: { use: '@mlops/model-registry', options: { gate: { metric: 'rocAuc', guards: [{ metric: 'logLoss', direction: 'lower', tolerance: 0.01 }] }, cards: { toy: { intendedUse: 'tests <only>' } } } },
  },
  pipelines: { toy: p },
});
`;

beforeAll(() => {
  project = mkdtempSync(path.join(tmpdir(), 'mlops-tracking-'));
  symlinkSync(path.join(repo, 'node_modules'), path.join(project, 'node_modules'), 'dir');
  writeFileSync(path.join(project, 'mlops.config.ts'), config);
});
afterAll(() => rmSync(project, { recursive: true, force: true }));

describe('mlops runs (tracker) and mlops models (registry)', () => {
  const runIds: string[] = [];

  it('tracks runs: search with a filter and sort, compare side by side, reproduce', () => {
    for (const auc of [0.9, 0.8, 0.95]) {
      const r = mlops(['run', 'toy', '-p', `auc=${auc}`, '--json']);
      expect(r.status).toBe(0);
      runIds.push(json(r).run.id);
    }
    const found = json(mlops(['runs', 'ls', '--filter', 'metrics.train.rocAuc >= 0.9', '--sort', 'metrics.train.rocAuc desc', '--json']));
    expect(found.total).toBe(2);
    expect(found.runs.map((r: { id: string }) => r.id)).toEqual([runIds[2], runIds[0]]);
    expect(found.runs[0].environment.packages['@mlops/tracker']).toMatch(/^\d/);
    const table = mlops(['runs', 'ls', '--filter', 'params.auc < 0.85', '--metric', 'train.rocAuc']);
    expect(table.stdout).toMatch(new RegExp(`${runIds[1]}\\s+toy\\s+succeeded.*0\\.8\\n`));
    const bad = mlops(['runs', 'ls', '--filter', 'metrics.x >']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe('error: invalid filter "metrics.x >" at column 12: expected a value (a number, a quoted string, true or false), found the end of the text\n');
    // The error's facts reach --json as data, whichever package threw it.
    const badJson = mlops(['runs', 'ls', '--filter', 'metrics.x >', '--json']);
    expect(badJson.status).toBe(2);
    expect(json(badJson).error).toEqual({
      name: 'QuerySyntaxError',
      code: 'E_TRACKER_QUERY',
      message: 'invalid filter "metrics.x >" at column 12: expected a value (a number, a quoted string, true or false), found the end of the text',
      path: 'filter:12',
      expected: 'a value (a number, a quoted string, true or false)',
      received: 'the end of the text',
      badInput: true,
    });

    const cmp = mlops(['runs', 'compare', runIds[0], runIds[1]]);
    expect(cmp.status).toBe(0);
    expect(cmp.stdout).toMatch(/\*\s+params\s+auc\s+0\.9\s+0\.8/);
    expect(cmp.stdout).toMatch(/ \s+environment\s+node\s+v20/);
    const cmpJson = json(mlops(['runs', 'compare', runIds[0], runIds[1], '--diff', '--json']));
    expect(cmpJson.rows.every((r: { differs: boolean }) => r.differs)).toBe(true);
    expect(cmpJson.rows.map((r: { key: string }) => r.key)).toEqual(expect.arrayContaining(['auc', 'train.rocAuc', 'train.logLoss']));

    const rep = mlops(['runs', 'reproduce', runIds[0].slice(0, 16), '--json']);
    expect(rep.status).toBe(0);
    const report = json(rep);
    expect(report).toMatchObject({ original: runIds[0], reproduced: true, rerunStatus: 'succeeded' });
    expect(report.metrics).toEqual(expect.arrayContaining([expect.objectContaining({ key: 'train.rocAuc', recorded: 0.9, current: 0.9, matches: true })]));
    expect(mlops(['runs', 'compare', runIds[0]]).status).toBe(2);
  });

  it('promotes through the gate, refuses and alerts, forces with a reason, rolls back, and keeps the history', () => {
    // Versions 1..3: auc 0.9, 0.8, 0.95. The reproduction of the first run built the same model, and
    // registration is idempotent by artifacts + signature: it got v1 back instead of a v4.
    expect(json(mlops(['models', 'ls', '--json']))).toEqual([expect.objectContaining({ name: 'toy', latestVersion: 3 })]);
    expect(json(mlops(['models', 'history', 'toy', '--json'])).filter((e: { type: string }) => e.type === 'register').map((e: { version: number }) => e.version)).toEqual([1, 2, 3]);
    const first = mlops(['models', 'promote', 'toy', '1']);
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('toy@champion → v1');

    const refused = mlops(['models', 'promote', 'toy', '2']);
    expect(refused.status).toBe(1);
    expect(refused.stdout).toMatch(/gate refused: rocAuc/);
    expect(refused.stdout).toContain('toy@champion unchanged');
    const alerts = readFileSync(path.join(project, '.mlops', 'alerts.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(alerts).toEqual([expect.objectContaining({ severity: 'warning', title: expect.stringContaining('toy v2') })]);
    expect(json(mlops(['models', 'show', 'toy@champion', '--json'])).version).toBe(1);

    const noReason = mlops(['models', 'promote', 'toy', '2', '--force']);
    expect(noReason.status).not.toBe(0);
    expect(noReason.stderr).toMatch(/reason/);
    expect(mlops(['models', 'promote', 'toy', '2', '--force', '--reason', 'hotfix for a bad champion', '--actor', 'alice']).status).toBe(0);
    expect(json(mlops(['models', 'show', 'toy@champion', '--json'])).version).toBe(2);

    expect(mlops(['models', 'promote', 'toy', '3']).status).toBe(0);
    const back = mlops(['models', 'rollback', 'toy', '--reason', 'v3 misbehaves in production']);
    expect(back.status).toBe(0);
    expect(back.stdout).toContain('toy@champion: v3 → v2');
    expect(json(mlops(['models', 'show', 'toy@champion', '--json'])).version).toBe(2);
    expect(mlops(['models', 'rollback', 'toy']).stdout).toContain('v2 → v1');

    const history = json(mlops(['models', 'history', 'toy', '--json']));
    const moves = history.filter((e: { type: string }) => e.type !== 'register').map((e: { type: string; version: number; actor: string; reason: string | null }) => [e.type, e.version, e.actor]);
    expect(moves).toEqual([
      ['promote', 1, 'ci-bot'],
      ['promotion-refused', 2, 'ci-bot'],
      ['promotion-forced', 2, 'alice'],
      ['promote', 3, 'ci-bot'],
      ['rollback', 2, 'ci-bot'],
      ['rollback', 1, 'ci-bot'],
    ]);
    expect(history.find((e: { type: string }) => e.type === 'promotion-forced').reason).toBe('hotfix for a bad champion');
    expect(mlops(['models', 'history', 'toy']).stdout).toMatch(/promotion-refused @champion v2 \(kept v1\)\s+ci-bot/);
  });

  it('writes model cards and reports unknown models and versions clearly', () => {
    const md = mlops(['models', 'card', 'toy', '3']);
    expect(md.status).toBe(0);
    expect(md.stdout).toContain('# Model card: toy v3');
    // Markdown escapes angle brackets so a renderer never reads them as HTML.
    expect(md.stdout).toContain('tests \\<only\\>');
    const out = path.join(project, 'card.html');
    expect(mlops(['models', 'card', 'toy', '3', '--html', '--out', out]).status).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('tests &lt;only&gt;');
    expect(html).not.toMatch(/<script/i);
    expect(existsSync(`${out}.${process.pid}.tmp`)).toBe(false);

    const missing = mlops(['models', 'show', 'toy@nope']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/nope/);
    expect(mlops(['models', 'promote', 'toy', 'x']).status).toBe(2);
  });
});
