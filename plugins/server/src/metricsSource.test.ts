import { spawnSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { afterEach, describe, expect, it } from '@jest/globals';
import type { MetricFamily, MetricsSource } from '@mlops/core';
import { call } from './__fixtures__/http';
import { memoryLogger, modelFiles, startServer } from './__fixtures__/startServer';
import type { HttpModelServer } from './HttpModelServer';

/** A monitor stand-in that is only a metrics source: each collectMetrics call takes the next behaviour. */
function scriptedSource(steps: (() => readonly MetricFamily[] | Promise<readonly MetricFamily[]>)[]): MetricsSource & { calls: number } {
  const source = {
    calls: 0,
    collectMetrics: () => steps[Math.min(source.calls++, steps.length - 1)]!(),
  };
  return source;
}

const gauge = (value: number, feature = 'a'): MetricFamily => ({ name: 'mlops_test_feature_mean', help: 'a test gauge', type: 'gauge', samples: [{ labels: { feature }, value }] });
/** The sample lines of one metric in a scrape (HELP/TYPE left out). */
const series = (text: string, name: string) => text.split('\n').filter((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('/metrics with a plugin metrics source', () => {
  let server: HttpModelServer | undefined;
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await server?.close();
    await cleanup?.();
    server = cleanup = undefined;
  });
  async function serve(source: MetricsSource, budgetMs: number) {
    const files = await modelFiles();
    const logger = memoryLogger();
    server = await startServer({ modelFile: files.modelFile, signatureFile: files.signatureFile, metricsSourceBudgetMs: budgetMs }, { monitor: source, logger });
    cleanup = () => rm(files.dir, { recursive: true, force: true });
    const scrape = async () => {
      const started = Date.now();
      const res = await call(server!.url!, 'GET', '/metrics');
      return { status: res.status, text: res.text, ms: Date.now() - started };
    };
    return { scrape, logger };
  }

  const promtool = spawnSync('promtool', ['--version']).status === 0;
  (promtool ? it : it.skip)('renders the source after the server metrics, with hostile label values, and leaves out (and counts) families that would break the scrape', async () => {
    const hostile = ['quote"d', 'back\\slash', 'new\nline', 'lone \uD800'];
    const families: MetricFamily[] = [
      { name: 'mlops_test_feature_mean', help: 'mean', type: 'gauge', samples: hostile.map((feature, i) => ({ labels: { feature }, value: i + 0.5 })) },
      { name: 'mlops_test_rows_total', help: 'rows', type: 'counter', samples: [{ value: 12 }] },
      { name: 'mlops_errors_total', help: 'collides with the server', type: 'counter', samples: [{ value: 1 }] },
      { name: 'mlops_http_request_duration_seconds_count', help: 'collides with a histogram series', type: 'gauge', samples: [{ value: 1 }] },
      { name: 'mlops_test_rows', help: 'a counter without _total', type: 'counter', samples: [{ value: 1 }] },
    ];
    const { scrape, logger } = await serve(scriptedSource([() => families]), 1000);
    await scrape();
    const { status, text } = await scrape();
    expect(status).toBe(200);
    expect(series(text, 'mlops_test_feature_mean')).toEqual(['mlops_test_feature_mean{feature="quote\\"d"} 0.5', 'mlops_test_feature_mean{feature="back\\\\slash"} 1.5', 'mlops_test_feature_mean{feature="new\\nline"} 2.5', 'mlops_test_feature_mean{feature="lone \uFFFD"} 3.5']);
    expect(series(text, 'mlops_test_rows_total')).toEqual(['mlops_test_rows_total 12']);
    // Three families left out on each of the two scrapes; the server's own series are untouched.
    expect(series(text, 'mlops_metrics_source_rejected_total')).toEqual(['mlops_metrics_source_rejected_total{source="monitor"} 6']);
    expect(series(text, 'mlops_errors_total')).toEqual([]);
    expect(logger.lines.filter((l) => l.includes('left out metric'))).toEqual([
      'warn /metrics: left out metric "mlops_errors_total" of monitor: the name is already exported',
      'warn /metrics: left out metric "mlops_http_request_duration_seconds_count" of monitor: the name is already exported',
      'warn /metrics: left out metric "mlops_test_rows" of monitor: a counter name must end in _total',
    ]);
    const out = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    expect({ status: out.status, problems: `${out.stdout}${out.stderr}` }).toEqual({ status: 0, problems: '' });
  });

  it('a slow source never stalls the scrape: it is answered within the budget with the previous values, and the timeout is counted', async () => {
    let release!: () => void;
    const gate = new Promise<void>((ok) => (release = ok));
    const source = scriptedSource([() => [gauge(1)], () => gate.then(() => [gauge(2)]), () => [gauge(3)]]);
    const { scrape } = await serve(source, 100);
    expect(series((await scrape()).text, 'mlops_test_feature_mean')).toEqual(['mlops_test_feature_mean{feature="a"} 1']);
    // The second collection hangs: two scrapes each wait the budget, then serve value 1; neither starts a third collection.
    const [slow1, slow2] = [await scrape(), await scrape()];
    for (const s of [slow1, slow2]) {
      expect(s.status).toBe(200);
      expect(s.ms).toBeLessThan(2000);
      expect(series(s.text, 'mlops_test_feature_mean')).toEqual(['mlops_test_feature_mean{feature="a"} 1']);
    }
    expect(series(slow2.text, 'mlops_metrics_source_timeouts_total')).toEqual(['mlops_metrics_source_timeouts_total{source="monitor"} 2']);
    expect(source.calls).toBe(2);
    release();
    await sleep(20);
    // The hung collection landed (value 2); this scrape starts the third.
    expect(series((await scrape()).text, 'mlops_test_feature_mean')).toEqual(['mlops_test_feature_mean{feature="a"} 3']);
  });

  it('a throwing source (or one returning garbage) keeps its previous values on /metrics, counted and logged', async () => {
    const source = scriptedSource([() => [gauge(7)], () => Promise.reject(new Error('database gone')), () => 'nope' as never, () => [gauge(8)]]);
    const { scrape, logger } = await serve(source, 1000);
    await scrape();
    const failed = [await scrape(), await scrape()];
    for (const f of failed) expect([f.status, series(f.text, 'mlops_test_feature_mean')]).toEqual([200, ['mlops_test_feature_mean{feature="a"} 7']]);
    expect(series(failed[1]!.text, 'mlops_metrics_source_errors_total')).toEqual(['mlops_metrics_source_errors_total{source="monitor"} 2']);
    expect(logger.lines.filter((l) => l.includes('collecting monitor'))).toEqual(["warn /metrics: collecting monitor's metrics failed (1 time so far; serving its previous values): database gone"]);
    expect(series((await scrape()).text, 'mlops_test_feature_mean')).toEqual(['mlops_test_feature_mean{feature="a"} 8']);
  });
});
