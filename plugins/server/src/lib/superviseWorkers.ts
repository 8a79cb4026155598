import cluster, { type Worker } from 'node:cluster';
import type { Logger } from '@mlops/core';
import { AggregatorRegistry } from 'prom-client';
import { sourceRequest, sourceResponse, type WireFamily } from './clusterSource';
import { distributeConnections, workerReady } from './distributeConnections';

/** A running set of worker processes. */
export interface WorkerPool {
  /** Stops restarting, asks every worker to drain (SIGTERM) and waits for them to exit. */
  close(timeoutMs: number): Promise<void>;
  /** Live workers. */
  size(): number;
  /** Each live worker's per-process plugin metrics (see `answerSourceRequests`); a worker that does not answer within `timeoutMs` is left out. */
  sourceFamilies(timeoutMs: number): Promise<WireFamily[][]>;
}

/** What the primary adds to the aggregated registries' text (a plugin's metrics), given that text. */
export type ExtraMetrics = (registryText: string) => Promise<string>;

/** IPC message a worker sends to ask the primary for metrics of all workers. */
export const metricsRequest = 'mlops-server:metrics-request';
export const metricsResponse = 'mlops-server:metrics-response';

/**
 * The cluster primary: listens on `host:port` and hands connections to `count` workers running the
 * same program (each loads the model and serves what it is handed); replaces any that dies
 * unexpectedly, backing off when they die right after starting (a broken model should not become a
 * fork loop). It also aggregates metrics across workers for whichever worker receives `/metrics`.
 * Resolves once listening.
 */
export async function superviseWorkers(count: number, listen: { host: string; port: number; waitMs: number }, logger: Logger, extraMetrics?: ExtraMetrics): Promise<WorkerPool> {
  let closing = false;
  let asked = 0;
  const answers = new Map<number, (families: WireFamily[] | null) => void>();
  let quickDeaths = 0;
  const aggregator = new AggregatorRegistry();
  const connections = distributeConnections(listen.host, listen.port, listen.waitMs, logger);
  await connections.listening;
  const fork = () => {
    const started = Date.now();
    const worker = cluster.fork();
    worker.on('message', (msg: { type?: string; id?: number; families?: WireFamily[] }) => {
      if (msg?.type === workerReady) return connections.ready(worker);
      if (msg?.type === sourceResponse) return answers.get(msg.id!)?.(msg.families ?? null);
      if (msg?.type !== metricsRequest) return;
      aggregator
        .clusterMetrics()
        .then(async (text) => (extraMetrics ? joinText(text, await extraMetrics(text)) : text))
        .then((text) => worker.send({ type: metricsResponse, id: msg.id, text }))
        .catch((err: Error) => worker.send({ type: metricsResponse, id: msg.id, error: err.message }));
    });
    worker.on('exit', (code, signal) => {
      connections.gone(worker);
      // 130: the worker got the terminal's Ctrl-C (sent to the whole process group); the primary is stopping too.
      if (closing || code === 130) return;
      quickDeaths = Date.now() - started < 5000 ? quickDeaths + 1 : 0;
      const delay = Math.min(30_000, quickDeaths <= 1 ? 0 : 250 * 2 ** quickDeaths);
      logger.warn(`worker ${worker.process.pid} exited (${signal ?? `code ${code}`}); starting a new one${delay ? ` in ${delay} ms` : ''}`);
      setTimeout(() => !closing && fork(), delay).unref();
    });
  };
  for (let i = 0; i < count; i++) fork();
  const live = (): Worker[] => Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w && !w.isDead());
  return {
    size: () => live().length,
    async sourceFamilies(timeoutMs) {
      const replies = live().map(
        (worker) =>
          new Promise<WireFamily[] | null>((resolve) => {
            const id = ++asked;
            const done = (families: WireFamily[] | null) => {
              clearTimeout(timer);
              answers.delete(id);
              resolve(families);
            };
            const timer = setTimeout(() => done(null), timeoutMs);
            answers.set(id, done);
            worker.send({ type: sourceRequest, id }, (err: Error | null) => err && done(null));
          }),
      );
      return (await Promise.all(replies)).filter((f): f is WireFamily[] => f !== null);
    },
    async close(timeoutMs) {
      closing = true;
      // Stop accepting first; then the workers drain every connection they were handed.
      await connections.close();
      const workers = live();
      await Promise.all(
        workers.map(
          (w) =>
            new Promise<void>((resolve) => {
              const kill = setTimeout(() => w.process.kill('SIGKILL'), timeoutMs + 1000);
              w.once('exit', () => {
                clearTimeout(kill);
                resolve();
              });
              w.process.kill('SIGTERM');
            }),
        ),
      );
    },
  };
}

function joinText(a: string, b: string): string {
  return b ? `${a.endsWith('\n') ? a : `${a}\n`}${b}` : a;
}

/** In a worker: asks the primary for the cluster's metrics text. */
export function clusterMetricsFromPrimary(timeoutMs = 5000): Promise<string> {
  const id = ++requestCounter;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      process.off('message', onMessage);
      reject(new Error(`the cluster primary did not answer a metrics request within ${timeoutMs} ms`));
    }, timeoutMs);
    const onMessage = (msg: { type?: string; id?: number; text?: string; error?: string }) => {
      if (msg?.type !== metricsResponse || msg.id !== id) return;
      clearTimeout(timer);
      process.off('message', onMessage);
      if (msg.error) reject(new Error(msg.error));
      else resolve(msg.text ?? '');
    };
    process.on('message', onMessage);
    process.send!({ type: metricsRequest, id });
  });
}
let requestCounter = 0;
