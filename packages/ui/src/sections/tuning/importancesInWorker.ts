import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ParamImportances, StudyReportInput } from '@mlops/report';

// The worker loads @mlops/report's built entry by absolute path (through its package.json, so a
// test runner mapping the package to its TypeScript source does not hand the worker a .ts file).
const reportEntry = (): string => {
  const manifest = require.resolve('@mlops/report/package.json');
  return path.join(path.dirname(manifest), (require(manifest) as { main: string }).main);
};
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const { buildStudyReport } = require(workerData.report);
parentPort.postMessage(buildStudyReport(workerData.input).importances ?? null);
`;

/**
 * The study report's importances (a random forest: seconds of CPU for 10,000 trials) computed in a
 * worker thread, so the dashboard keeps answering other requests meanwhile.
 */
export function importancesInWorker(input: StudyReportInput): Promise<ParamImportances | null> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerSource, { eval: true, workerData: { report: reportEntry(), input } });
    worker.once('message', (result: ParamImportances | null) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`the importance worker exited with code ${code}`)));
  });
}
