/**
 * Plain JS run by `node -e` in each child of the concurrency tests (children run the built
 * packages, not jest's TypeScript). Reads its job from `MLOPS_REGISTRY_JOB`, opens the store and a
 * registry, prints `ready`, waits for `go` on stdin so all children start together, then either
 * registers `count` versions of one model (distinct artifacts, or with `register-same` all the same)
 * or makes `count` forced promotions and rollbacks, and prints `{ versions, created }` (the versions
 * its registrations returned, how many of them it created) as its last line.
 */
export const registryChildScript = String.raw`
const job = JSON.parse(process.env.MLOPS_REGISTRY_JOB);
const { openSqlMetadataStore, sqlHandleOf } = require(job.modules.sqlMetadata);
const { MemoryArtifactStore } = require(job.modules.testkit);
const { SqlModelRegistry, modelRegistryOptions } = require(job.modules.registry);

async function main() {
  const store = openSqlMetadataStore(job.description);
  await store.start();
  const artifacts = new MemoryArtifactStore();
  const registry = new SqlModelRegistry({ sql: sqlHandleOf(store.database, 'model-registry'), artifacts, options: modelRegistryOptions.parse({ actor: job.actor }) });
  await registry.start();
  // 'register': a distinct model each time; 'register-same': every child registers the same bytes.
  const blob = (i) => artifacts.put(new TextEncoder().encode(job.kind === 'register-same' ? 'onnx of ' + job.model : 'onnx of ' + job.model + ' by ' + job.actor + ' #' + i));
  const blobs = [];
  for (let i = 0; i < job.count; i++) blobs.push(await blob(i));
  process.stdout.write('ready\n');
  await new Promise((resolve) => process.stdin.once('data', resolve));
  process.stdin.destroy();

  const versions = [];
  let created = 0;
  let next = 0;
  async function worker() {
    for (let i = next++; i < job.count; i = next++) {
      if (job.kind === 'register' || job.kind === 'register-same') {
        const v = await registry.register({ name: job.model, artifacts: { onnx: blobs[i].digest },
          signature: { task: 'regression', inputs: [{ name: 'x', type: 'double' }], outputs: [] },
          evaluation: { datasetDigest: 'sha256:' + 'a'.repeat(64), metrics: { rmse: i } } });
        versions.push(v.version);
        if (v.created) created++;
      } else if (i % 4 === 3) {
        // Rollbacks mixed in; one may find nothing to go back to, which is a clean refusal.
        await registry.rollback(job.model, { reason: 'child ' + job.actor }).catch((e) => { if (!/roll back/.test(e.message)) throw e; });
      } else {
        const target = 1 + Math.floor(Math.random() * job.versions);
        await registry.promote(job.model, target, { force: true, reason: 'child ' + job.actor });
      }
    }
  }
  await Promise.all(Array.from({ length: job.workers }, worker));
  process.stdout.write(JSON.stringify({ versions, created }) + '\n');
  await store.close();
}

main().catch((error) => {
  process.stderr.write(String((error && error.stack) || error) + '\n');
  process.exit(1);
});
`;
