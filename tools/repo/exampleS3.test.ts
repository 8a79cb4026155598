import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CreateBucketCommand, DeleteObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { describeWithMotoServer, uniqueTestName } from '@mlops/testkit';

// The README's "artifacts on S3" recipe, end to end: a copy of examples/breast-cancer whose config
// differs only in the artifactStore entry (and a dataLocations entry for the s3:// training file),
// run against moto_server. Dataset versions then live in the bucket, and `runs reproduce` refuses
// once one of them is deleted there.
const repo = path.resolve(__dirname, '../..');
const bin = path.join(repo, 'packages/cli/bin/mlops.js');

/** The root README's block, with the endpoint of the test's moto_server. */
function s3ConfigBlock(endpoint: string): string {
  return `artifactStore: {
      use: '@mlops/storage-s3',
      options: {
        bucket: env('MLOPS_S3_BUCKET'),
        prefix: 'breast-cancer/artifacts',
        endpoint: '${endpoint}',
        forcePathStyle: true,
        credentials: { accessKeyId: env('AWS_ACCESS_KEY_ID'), secretAccessKey: env('AWS_SECRET_ACCESS_KEY') },
      },
    },
    dataLocations: { use: '@mlops/storage-s3', options: { endpoint: '${endpoint}', forcePathStyle: true } },`;
}

describeWithMotoServer((moto) => {
  let project: string;
  let bucket: string;
  let client: S3Client;
  const env = () => ({ ...process.env, NO_COLOR: '1', MLOPS_ACTOR: 'example-s3-test', MLOPS_S3_BUCKET: bucket, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_REGION: 'us-east-1' });
  const mlops = (args: string[]): SpawnSyncReturns<string> => spawnSync(process.execPath, [bin, ...args], { cwd: project, encoding: 'utf8', env: env(), timeout: 180_000 });
  const keys = async (prefix: string) => ((await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }))).Contents ?? []).map((o) => o.Key!);

  beforeAll(async () => {
    bucket = uniqueTestName('mlops-example').replace(/_/g, '-').toLowerCase();
    client = new S3Client({ endpoint: moto().endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'raw/breast_cancer.csv', Body: readFileSync(path.join(repo, 'examples/breast-cancer/data/breast_cancer.csv')) }));
    project = mkdtempSync(path.join(tmpdir(), 'mlops-example-s3-'));
    cpSync(path.join(repo, 'examples/breast-cancer'), project, { recursive: true, filter: (src) => !src.includes(`${path.sep}.mlops`) && !src.endsWith(`${path.sep}node_modules`) });
    symlinkSync(path.join(repo, 'node_modules'), path.join(project, 'node_modules'), 'dir');
    const configFile = path.join(project, 'mlops.config.ts');
    const original = readFileSync(configFile, 'utf8');
    const local = "artifactStore: '@mlops/storage-local',";
    expect(original).toContain(local);
    writeFileSync(configFile, original.replace(local, s3ConfigBlock(moto().endpoint)).replace("import { defineConfig } from '@mlops/core';", "import { defineConfig, env } from '@mlops/core';"));
  });
  afterAll(() => {
    client?.destroy();
    if (project) rmSync(project, { recursive: true, force: true });
  });

  it('runs the example with its artifacts and dataset versions in the bucket, then diffs and guards reproduction', async () => {
    const first = mlops(['run', 'train', '--json']);
    expect(first.stderr).not.toMatch(/error/i);
    expect(first.status).toBe(0);
    const run1 = JSON.parse(first.stdout).run.id as string;
    // Every artifact went to the bucket; none to the local folder.
    expect((await keys('breast-cancer/artifacts/sha256/')).length).toBeGreaterThan(10);
    expect(existsSync(path.join(project, '.mlops', 'artifacts'))).toBe(false);

    // The training file read from s3:// this time, and another split seed: new train and test versions.
    const second = mlops(['run', 'train', '--json', '-p', `data=s3://${bucket}/raw/breast_cancer.csv`, '-p', 'seed=7']);
    expect(second.stderr).not.toMatch(/error/i);
    expect(second.status).toBe(0);
    const run2 = JSON.parse(second.stdout).run.id as string;

    const ls = JSON.parse(mlops(['data', 'ls', '--json']).stdout) as { name: string; latest: number; versions: number; rows: number }[];
    expect(ls.map((d) => [d.name, d.latest, d.versions])).toEqual([
      ['breast-cancer/test', 2, 2],
      ['breast-cancer/train', 2, 2],
    ]);
    const trainRows = ls.find((d) => d.name === 'breast-cancer/train')!.rows;
    expect(trainRows + ls.find((d) => d.name === 'breast-cancer/test')!.rows).toBe(569);

    const show = JSON.parse(mlops(['data', 'show', 'breast-cancer/train@v1', '--json']).stdout);
    expect(show).toMatchObject({ name: 'breast-cancer/train', version: 1, rows: trainRows, available: true, versions: [2, 1] });
    expect(show.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(show.schema[0]).toEqual({ name: 'mean_radius', dtype: 'float64' });
    expect(show.producedBy.map((u: { runId: string }) => u.runId)).toEqual([run1]);
    expect(await keys(`breast-cancer/artifacts/sha256/${show.blobDigest.slice(7, 9)}/${show.blobDigest.slice(9)}`)).toHaveLength(1);

    const diff = JSON.parse(mlops(['data', 'diff', 'breast-cancer/train@v1', 'breast-cancer/train', '--json']).stdout);
    expect(diff).toMatchObject({ a: 'breast-cancer/train@v1', b: 'breast-cancer/train@v2', sameContent: false, rows: { a: trainRows, b: trainRows } });
    const radius = diff.columns.find((c: { column: string }) => c.column === 'mean_radius');
    expect(radius.status).toBe('changed');
    expect(radius.stats.find((s: { stat: string }) => s.stat === 'mean').a).not.toBe(radius.stats.find((s: { stat: string }) => s.stat === 'mean').b);
    const text = mlops(['data', 'diff', 'breast-cancer/train@v1', 'breast-cancer/train@v2']).stdout;
    expect(text).toContain('breast-cancer/train@v1 → breast-cancer/train@v2: different content');

    // Deleting run 1's training set from the bucket: show says so, reproduce refuses, run 2 is unaffected.
    await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: `breast-cancer/artifacts/sha256/${show.blobDigest.slice(7, 9)}/${show.blobDigest.slice(9)}` }));
    expect(JSON.parse(mlops(['data', 'show', 'breast-cancer/train@v1', '--json']).stdout).available).toBe(false);
    const refused = mlops(['runs', 'reproduce', run1]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain(`cannot reproduce run ${run1}: it used dataset breast-cancer/train@v1 (${show.digest}) is gone: its content ${show.blobDigest} is no longer in the artifact store`);
    expect(JSON.parse(mlops(['data', 'show', 'breast-cancer/train@v2', '--json']).stdout).producedBy.map((u: { runId: string }) => u.runId)).toEqual([run2]);
  }, 600_000);
});
