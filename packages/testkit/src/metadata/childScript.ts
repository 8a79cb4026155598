/**
 * Plain JS run by `node -e` in each child of the concurrency test, so it works whether the testkit
 * itself runs from TypeScript sources (jest) or from dist. Reads its job from `MLOPS_CONFORMANCE_JOB`,
 * opens the store from the recipe, prints `ready`, waits for `go` on stdin (so all children start
 * writing together), registers `count` runs, step runs, artifacts and dataset versions (of `distinctDatasets` contents shared by
 * all children), and prints the versions it got.
 */
export const childScript = String.raw`
const job = JSON.parse(process.env.MLOPS_CONFORMANCE_JOB);
const open = require(job.module)[job.exportName];
if (typeof open !== 'function') throw new Error(job.module + ' does not export a function ' + job.exportName);

async function main() {
  const store = await open(job.description);
  if (typeof store.start === 'function') await store.start();
  process.stdout.write('ready\n');
  await new Promise((resolve) => process.stdin.once('data', resolve));
  process.stdin.destroy();

  const versions = [];
  let next = 0;
  async function worker() {
    for (let i = next++; i < job.count; i = next++) {
      const runId = job.prefix + '-run-' + i;
      const stepRunId = job.prefix + '-step-' + i;
      const t = job.startedAt + i;
      await store.createRun({ id: runId, pipeline: job.pipeline, status: 'running', params: { i }, startedAt: t,
        endedAt: null, error: null, host: 'child', pid: process.pid, configDigest: null, tags: {} });
      await store.createStepRun({ id: stepRunId, runId, step: 'write', status: 'running', cacheKey: runId,
        codeDigest: 'c', params: null, startedAt: t, endedAt: null, logs: '', error: null, cachedFrom: null });
      const artifact = await store.recordArtifact({ id: job.prefix + '-art-' + i, name: job.artifactName,
        digest: 'sha256:' + '0'.repeat(64), size: i, serializer: 'json', runId, stepRunId, output: 'out',
        createdAt: t, metadata: null });
      versions.push(artifact.version);
      // The same few contents in every child: each digest must end on one dataset version.
      const n = i % job.distinctDatasets;
      const dataset = await store.recordDatasetVersion({ name: job.datasetName, digest: 'sha256:' + String(n).padStart(64, '0'),
        blobDigest: 'sha256:' + '1'.repeat(64), size: 1, rows: n, schema: [], createdAt: t, runId });
      datasets.push([n, dataset.version]);
    }
  }
  const datasets = [];
  await Promise.all(Array.from({ length: job.workers }, worker));
  process.stdout.write(JSON.stringify({ versions, datasets }) + '\n');
  if (typeof store.close === 'function') await store.close();
}

main().catch((error) => {
  process.stderr.write(String((error && error.stack) || error) + '\n');
  process.exit(1);
});
`;
