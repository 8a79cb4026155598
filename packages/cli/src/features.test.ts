import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

// End-to-end: the built `mlops` binary in a scratch project that defines features in its own
// module, the way a user runs `npx mlops features …` (the root `npm test` builds first).
const repo = path.resolve(__dirname, '../../..');
const bin = path.join(repo, 'packages/cli/bin/mlops.js');
let project: string;

function mlops(args: string[]): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [bin, ...args], { cwd: project, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 });
}
const json = (r: SpawnSyncReturns<string>) => JSON.parse(r.stdout);

const day = 86_400_000;
const t0 = Date.UTC(2026, 0, 1);

function writeFeatures(spendType: 'float' | 'int'): void {
  writeFileSync(
    path.join(project, 'features.ts'),
    `import { entity, featureService, featureView, fileSource } from '@mlops/feature-store';
export const customer = entity({ name: 'customer', joinKeys: ['customer_id'] });
export const stats = featureView({
  name: 'customer_stats',
  entities: [customer],
  source: fileSource({ path: 'data/events.csv', format: 'csv', timestampColumn: 'ts' }),
  ttl: '30d',
  features: { spend: '${spendType}', segment: 'string' },
});
export const scoring = featureService({ name: 'scoring', features: [stats] });
`,
  );
}

beforeEach(() => {
  project = mkdtempSync(path.join(tmpdir(), 'mlops-cli-features-'));
  symlinkSync(path.join(repo, 'node_modules'), path.join(project, 'node_modules'), 'dir');
  mkdirSync(path.join(project, 'data'));
  // Three customers; customer 1 has two rows in the first window, customer 3 only in the second.
  const rows = [
    [1, t0 + 1000, 10.5, 'a'],
    [1, t0 + day, 12.5, 'b'],
    [2, t0 + 2 * day, 3, 'a'],
    [3, t0 + 5 * day, 7, 'c'],
  ];
  writeFileSync(path.join(project, 'data', 'events.csv'), `customer_id,ts,spend,segment\n${rows.map((r) => r.join(',')).join('\n')}\n`);
  writeFeatures('float');
  writeFileSync(
    path.join(project, 'mlops.config.ts'),
    `import * as features from './features';
export default { plugins: { featureStore: { use: '@mlops/feature-store', options: { definitions: features } } } };
`,
  );
});
afterEach(() => rmSync(project, { recursive: true, force: true }));

describe('mlops features', () => {
  it('plans, applies, refuses an incompatible change unless forced', () => {
    const plan = mlops(['features', 'plan', '--json']);
    expect(plan.stderr).toBe('');
    expect(json(plan)).toMatchObject({ currentVersion: null, incompatible: [] });
    expect(json(plan).changes).toContainEqual({ action: 'added', kind: 'feature', name: 'customer_stats:spend' });
    const text = mlops(['features', 'plan']);
    expect(text.stdout).toContain('registry version: none (nothing applied yet)');
    expect(text.stdout).toMatch(/\+\s+featureService\s+scoring/);

    expect(mlops(['features', 'apply']).stdout).toContain('applied: registry version 1');
    expect(mlops(['features', 'apply']).stdout).toBe('no changes: registry version 1 is current\n');

    writeFeatures('int');
    const refused = mlops(['features', 'apply']);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('error: feature store: refusing incompatible changes (apply with --force to store them anyway):\n  customer_stats:spend: feature type changed (type float -> int)');
    const forced = mlops(['features', 'apply', '--force', '--json']);
    expect(forced.status).toBe(0);
    expect(json(forced)).toMatchObject({ version: 2, applied: true, incompatible: [{ name: 'customer_stats:spend' }] });
  });

  it('materializes a window, then incrementally from the watermark', () => {
    const first = mlops(['features', 'materialize', '--start', new Date(t0).toISOString(), '--end', String(t0 + 3 * day), '--json']);
    expect(first.stderr).toBe('');
    expect(json(first)).toEqual({ views: [{ view: 'customer_stats', start: t0, end: t0 + 3 * day, written: 2 }] });
    const next = mlops(['features', 'materialize-incremental', '--end', new Date(t0 + 10 * day).toISOString(), '--json']);
    expect(json(next)).toEqual({ views: [{ view: 'customer_stats', start: t0 + 3 * day, end: t0 + 10 * day, written: 1 }] });
    const table = mlops(['features', 'materialize-incremental', '--end', String(t0 + 10 * day)]);
    expect(table.stdout).toMatch(/customer_stats\s+2026-01-11 00:00:00Z\s+2026-01-11 00:00:00Z\s+0/);
  });

  it('rejects a bad time with one line and exit code 2', () => {
    const bad = mlops(['features', 'materialize', '--start', 'yesterday', '--end', '0']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe('error: --start: expected an ISO-8601 time or epoch milliseconds, received "yesterday"\n');
    expect(mlops(['features', 'materialize', '--end', '0']).stderr).toContain("required option '--start <time>' not specified");
  });
});
