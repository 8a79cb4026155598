import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import Redis from 'ioredis';
import { describeWithService, freePort, uniqueTestName } from '@mlops/testkit';

// End-to-end: `mlops features ingest` from the built binary, consuming a Redis stream in a scratch
// project, serving its metrics, and stopping cleanly on SIGTERM.
const repo = path.resolve(__dirname, '../../..');
const bin = path.join(repo, 'packages/cli/bin/mlops.js');
const redisUrl = process.env.MLOPS_TEST_REDIS_URL || 'redis://127.0.0.1:6379';
let project: string;
let stream: string;

beforeEach(() => {
  project = mkdtempSync(path.join(tmpdir(), 'mlops-cli-ingest-'));
  stream = uniqueTestName('mlops_cli_ingest');
  symlinkSync(path.join(repo, 'node_modules'), path.join(project, 'node_modules'), 'dir');
  writeFileSync(
    path.join(project, 'features.ts'),
    `import { entity, featureService, featureView, fileSource, streamSource } from '@mlops/feature-store';
export const customer = entity({ name: 'customer', joinKeys: ['customer_id'] });
export const live = featureView({
  name: 'customer_live',
  entities: [customer],
  source: streamSource({ redis: { url: '${redisUrl}', stream: '${stream}', group: 'ingest' }, timestampColumn: 'ts' }),
  features: { spend: 'float' },
});
export const batch = featureView({ name: 'customer_batch', entities: [customer], source: fileSource({ path: 'x.csv', format: 'csv', timestampColumn: 'ts' }), features: { spend: 'float' } });
export const scoring = featureService({ name: 'scoring', features: [live] });
`,
  );
  writeFileSync(path.join(project, 'mlops.config.ts'), `import * as features from './features';\nexport default { plugins: { featureStore: { use: '@mlops/feature-store', options: { definitions: features } } } };\n`);
});
afterEach(() => rmSync(project, { recursive: true, force: true }));

describe('mlops features ingest: bad input', () => {
  it('names the flag or the view', () => {
    const flag = spawnSync(process.execPath, [bin, 'features', 'ingest', 'customer_live', '--batch-size', '0'], { cwd: project, encoding: 'utf8' });
    expect(flag.status).toBe(2);
    expect(flag.stderr).toContain('--batch-size: expected a positive integer, received "0"');
    const batch = spawnSync(process.execPath, [bin, 'features', 'ingest', 'customer_batch'], { cwd: project, encoding: 'utf8' });
    expect(batch.status).toBe(2);
    expect(batch.stderr).toContain('ingest "customer_batch": expected a view with a streamSource, received one with a fileSource');
  });
});

describeWithService('Redis', { host: '127.0.0.1', port: 6379 }, () => {
  it('consumes the stream, serves its metrics, and on SIGTERM finishes, reports and exits 143', async () => {
    const redis = new Redis(redisUrl);
    try {
      const t0 = Date.now();
      for (let i = 0; i < 20; i++) await redis.xadd(stream, '*', 'data', JSON.stringify({ customer_id: i % 5, ts: t0 + i, spend: i }));
      await redis.xadd(stream, '*', 'data', '{"customer_id": 1, "ts": "soon"}');
      const port = await freePort();
      const proc = spawn(process.execPath, [bin, 'features', 'ingest', 'customer_live', '--metrics-port', String(port), '--json'], { cwd: project, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
      proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
      const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
      let metrics = '';
      const until = Date.now() + 30_000;
      // Until every event is written and the lag, sampled once caught up, reads 0.
      while (!/mlops_feature_stream_written_total\{view="customer_live"\} 20\b/.test(metrics) || !/mlops_feature_stream_consumer_lag\{view="customer_live"\} 0\b/.test(metrics)) {
        if (Date.now() > until || proc.exitCode !== null) throw new Error(`no metrics (exit ${proc.exitCode}): ${err}\n${metrics}`);
        await new Promise((r) => setTimeout(r, 100));
        metrics = await fetch(`http://127.0.0.1:${port}/metrics`).then((r) => r.text(), () => '');
      }
      expect(metrics).toMatch(/mlops_feature_stream_dead_lettered_total\{view="customer_live",reason="timestamp"\} 1\b/);
      expect(metrics).toMatch(/mlops_feature_stream_freshness_seconds_count\{view="customer_live"\} 20\b/);
      expect(metrics).toMatch(/mlops_feature_stream_consumer_lag\{view="customer_live"\} 0\b/);
      proc.kill('SIGTERM');
      expect(await exited).toBe(143);
      expect(JSON.parse(out.trim())).toEqual({ view: 'customer_live', received: 21, written: 20, deadLettered: 1 });
      const dead = await redis.xrange(`${stream}:dead`, '-', '+');
      expect(dead.map(([, f]) => f[f.indexOf('reason') + 1])).toEqual(['timestamp: ts: expected epoch milliseconds or an ISO-8601 time, received "soon"']);
      expect(await redis.xpending(stream, 'ingest')).toEqual([0, null, null, null]);
    } finally {
      await redis.del(stream, `${stream}:dead`);
      await redis.quit();
    }
  }, 60_000);
});
