import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { CreateBucketCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { tokens } from '@mlops/core';
import { describeWithMotoServer, describeWithService, postgresTestUrl, tcpTargetOfUrl, uniqueTestName } from '@mlops/testkit';
import { assertBuilt, Cluster } from './__fixtures__/cluster';

const redisUrl = process.env.MLOPS_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

// The distributed setup with nothing shared but the services: artifacts on S3 (moto_server), runs in
// Postgres, steps through BullMQ, and two `mlops worker` processes. A step reads what a step on the
// other worker wrote, from the bucket.
describeWithService('postgres', tcpTargetOfUrl(postgresTestUrl(), 5432), () => {
  describeWithService('redis', tcpTargetOfUrl(redisUrl, 6379), () => {
    describeWithMotoServer((moto) => {
      const bucket = uniqueTestName('orch-s3').replace(/_/g, '-').toLowerCase();
      let cluster: Cluster;
      let s3: S3Client;
      beforeAll(async () => {
        assertBuilt();
        s3 = new S3Client({ endpoint: moto().endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
        await s3.send(new CreateBucketCommand({ Bucket: bucket }));
        // The cluster's env (for this process and the workers) starts from process.env.
        Object.assign(process.env, { ORCH_TEST_S3_BUCKET: bucket, ORCH_TEST_S3_ENDPOINT: moto().endpoint, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_REGION: 'us-east-1' });
        cluster = new Cluster(redisUrl);
        await cluster.open();
        await Promise.all([cluster.startWorker(), cluster.startWorker()]);
      }, 60_000);
      afterAll(async () => {
        await cluster?.close();
        s3?.destroy();
      }, 60_000);

      it('fans out over two workers with artifacts on S3: the join reads, from the bucket, outputs the other worker wrote', async () => {
        const o = cluster.orchestrator;
        const run = await o.waitForRun((await o.submit({ pipeline: 'fanout', params: { parts: 4, ms: 400 } })).run.id, { timeoutMs: 60_000 });
        expect([run.status, run.error]).toEqual(['succeeded', null]);
        const work = run.steps.filter((s) => s.stepId.startsWith('work-'));
        const join_ = run.steps.find((s) => s.stepId === 'join')!;
        expect(new Set(work.map((s) => s.worker)).size).toBe(2);
        expect(work.some((s) => s.worker !== join_.worker)).toBe(true);
        // The join's result counts the workers its inputs came from: both.
        const metadata = cluster.runtime.get(tokens.metadataStore);
        const total = (await metadata.getArtifact(join_.outputs.total))!;
        expect(JSON.parse(Buffer.from(await cluster.runtime.get(tokens.artifactStore).get(total.digest)).toString())).toEqual({ sum: 100, workers: 2 });
        // Every output of the run is an object in the bucket, and nothing went to a local folder.
        const keys = ((await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'orch/artifacts/' }))).Contents ?? []).map((c) => c.Key!);
        const records = await metadata.listArtifacts({ runId: run.id });
        expect(records).toHaveLength(6);
        for (const r of records) expect(keys).toContain(`orch/artifacts/sha256/${r.digest.slice(7, 9)}/${r.digest.slice(9)}`);
        expect(existsSync(join(cluster.dir, 'artifacts'))).toBe(false);
      }, 90_000);
    });
  });
});
