import type { Command } from 'commander';
import type { IngestProgress } from '@mlops/core';
import { fail, UsageError } from '../lib/fail';
import { globalOptions } from '../lib/globalOptions';

/**
 * `mlops features ingest VIEW`: consumes the view's stream until SIGTERM/SIGINT, which lets the
 * batch in hand commit and be acknowledged before the process exits. `--metrics-port` serves the
 * feature store's Prometheus metrics (events, dead letters, lag, freshness) on `/metrics`.
 */
export function registerFeaturesIngest(features: Command): void {
  features
    .command('ingest <view>')
    .description('consume a stream-sourced view: validate, write online and offline, acknowledge; runs until SIGTERM')
    .option('--batch-size <n>', 'most messages per micro-batch, and held in memory (default 2000)')
    .option('--consumer <name>', 'consumer name in a Redis consumer group (default <host>-<pid>)')
    .option('--metrics-port <port>', 'serve Prometheus metrics on http://127.0.0.1:<port>/metrics')
    .action(async (view: string, raw: { batchSize?: string; consumer?: string; metricsPort?: string }, cmd: Command) => {
      const opts = globalOptions(cmd);
      try {
        const flags = { ...raw, batchSize: positiveInt('--batch-size', raw.batchSize), metricsPort: positiveInt('--metrics-port', raw.metricsPort) };
        const [{ tokens }, { openSession }, { createServer }] = await Promise.all([import('@mlops/core'), import('../lib/openSession'), import('node:http')]);
        const stop = new AbortController();
        let running: Promise<IngestProgress> | undefined;
        // On a signal: stop reading, let the batch in hand commit and be acknowledged, then close.
        const runtime = await openSession(opts, ['featureStore'], async () => {
          stop.abort();
          await running?.catch(() => undefined);
        });
        const store = runtime.get(tokens.featureStore);
        const metrics = flags.metricsPort === undefined ? undefined : createServer((req, res) => {
          if (req.url !== '/metrics') return void res.writeHead(404).end();
          store.metricsText().then((text) => res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(text), () => res.writeHead(500).end());
        });
        if (metrics) await new Promise<void>((resolve, reject) => metrics.once('error', reject).listen(flags.metricsPort, '127.0.0.1', resolve));
        const live = Boolean(process.stderr.isTTY) && !opts.json;
        if (!opts.json) process.stderr.write(`ingesting ${view}${metrics ? `, metrics on http://127.0.0.1:${flags.metricsPort}/metrics` : ''} (stop with Ctrl-C or SIGTERM)\n`);
        running = store.ingest(view, {
          signal: stop.signal,
          batchSize: flags.batchSize,
          consumerName: flags.consumer,
          onBatch: (p) => live && process.stderr.write(`\r\x1b[2K${p.view}: ${p.received} received, ${p.written} written, ${p.deadLettered} dead-lettered`),
          onError: (error) => process.stderr.write(`\n${view}: commit failed, retrying: ${error.message}\n`),
        });
        try {
          report(await running, opts.json);
        } finally {
          metrics?.close();
          // After a signal the signal handler closes the runtime (and exits 143 or 130).
          if (!stop.signal.aborted) await runtime.close();
        }
      } catch (err) {
        fail(err, opts);
      }
    });
}

function report(p: IngestProgress, json: boolean | undefined): void {
  if (json) process.stdout.write(`${JSON.stringify(p)}\n`);
  else process.stdout.write(`\n${p.view}: stopped after ${p.received} received, ${p.written} written, ${p.deadLettered} dead-lettered\n`);
}

function positiveInt(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`${flag}: expected a positive integer, received "${text}"`);
  return n;
}
