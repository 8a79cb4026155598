import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { afterAll, describe, expect, it } from '@jest/globals';
import { isPlugin, tokens } from '@mlops/core';
import { createTestContext, describeWithMotoServer, randomContent, uniqueTestName } from '@mlops/testkit';
import { createS3Client } from './lib/createS3Client';
import * as mod from './index';
import { s3ArtifactStoreOptions } from './options';
import { S3ArtifactStore } from './S3ArtifactStore';

describe('s3ArtifactStore plugin', () => {
  it('is a plugin providing the artifact store, and one providing s3:// data locations, also as the default export', () => {
    expect(isPlugin(mod.s3ArtifactStore)).toBe(true);
    expect(mod.s3ArtifactStore.provides).toBe(tokens.artifactStore);
    expect(mod.s3ArtifactStore.name).toBe('storage-s3');
    expect(isPlugin(mod.s3DataLocations)).toBe(true);
    expect(mod.s3DataLocations.provides).toBe(tokens.dataLocations);
    expect(mod.default).toEqual([mod.s3ArtifactStore, mod.s3DataLocations]);
  });

  it('creates a store on the bucket and prefix, with the spool folder under the state dir', async () => {
    const dirs = { projectRoot: '/proj', stateDir: '/proj/.mlops' };
    const options = { bucket: 'team-bucket', prefix: 'a/b/', endpoint: 'http://127.0.0.1:9000', forcePathStyle: true };
    const store = (await mod.s3ArtifactStore.create(createTestContext(mod.s3ArtifactStore, options, dirs))) as S3ArtifactStore;
    expect(store).toBeInstanceOf(S3ArtifactStore);
    expect([store.bucket, store.prefix]).toEqual(['team-bucket', 'a/b/']);
    expect((store as unknown as { options: { spoolDir: string } }).options.spoolDir).toBe(join('/proj/.mlops', 's3-spool'));
    store.close();
  });

  it('validates options with zod: bucket names, prefixes, endpoint URLs, part sizes, unknown keys', () => {
    expect(s3ArtifactStoreOptions.parse({ bucket: 'my-bucket' })).toEqual({
      bucket: 'my-bucket',
      prefix: 'mlops/artifacts',
      region: 'us-east-1',
      forcePathStyle: false,
      multipartThresholdMiB: 16,
      partSizeMiB: 16,
      concurrency: 4,
      maxAttempts: 4,
      connectTimeoutMs: 3000,
      staleUploadMinutes: 60,
      verifyReads: 'crc32',
    });
    const issues = (raw: unknown) => s3ArtifactStoreOptions.safeParse(raw).error?.issues.map((i) => ({ code: i.code, path: i.path }));
    expect(issues({})).toEqual([{ code: 'invalid_type', path: ['bucket'] }]);
    expect(issues({ bucket: 'My_Bucket' })).toEqual([{ code: 'invalid_format', path: ['bucket'] }]);
    expect(issues({ bucket: 'ok-bucket', prefix: '../up' })).toEqual([{ code: 'custom', path: ['prefix'] }]);
    expect(issues({ bucket: 'ok-bucket', prefix: '/abs' })).toEqual([{ code: 'custom', path: ['prefix'] }]);
    expect(issues({ bucket: 'ok-bucket', endpoint: 'ftp://x' })).toEqual([{ code: 'invalid_format', path: ['endpoint'] }]);
    expect(issues({ bucket: 'ok-bucket', partSizeMiB: 1 })).toEqual([{ code: 'too_small', path: ['partSizeMiB'] }]);
    expect(issues({ bucket: 'ok-bucket', credentials: { accessKeyId: 'a' } })).toEqual([{ code: 'invalid_type', path: ['credentials', 'secretAccessKey'] }]);
    expect(issues({ bucket: 'ok-bucket', verifyReads: 'md5' })).toEqual([{ code: 'invalid_value', path: ['verifyReads'] }]);
    expect(issues({ bucket: 'ok-bucket', bukket: 'x' })).toEqual([{ code: 'unrecognized_keys', path: [] }]);
    expect(s3ArtifactStoreOptions.parse({ bucket: 'ok-bucket', prefix: 'team/x/' }).prefix).toBe('team/x/');
  });
});

describeWithMotoServer((moto) => {
  describe('s3ArtifactStore plugin on moto_server', () => {
    const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
    afterAll(() => {
      for (const [name, value] of [['AWS_ACCESS_KEY_ID', saved.id], ['AWS_SECRET_ACCESS_KEY', saved.secret]] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    });

    it('without a credentials option takes them from the AWS default chain (AWS_* env vars)', async () => {
      process.env.AWS_ACCESS_KEY_ID = 'from-env';
      process.env.AWS_SECRET_ACCESS_KEY = 'from-env';
      const bucket = uniqueTestName('mlops-test').replace(/_/g, '-');
      const options = { bucket, endpoint: moto().endpoint, forcePathStyle: true, prefix: 'p' };
      const store = (await mod.s3ArtifactStore.create(createTestContext(mod.s3ArtifactStore, options, { projectRoot: tmpdir(), stateDir: join(tmpdir(), uniqueTestName()) }))) as S3ArtifactStore;
      const client = createS3Client({ endpoint: moto().endpoint, region: 'us-east-1', forcePathStyle: true, maxAttempts: 1, connectTimeoutMs: 2000, maxSockets: 2 });
      await client.send(new CreateBucketCommand({ Bucket: bucket }));
      client.destroy();
      await store.start();
      const content = randomContent(100);
      const blob = await store.put(content);
      expect(blob.uri).toBe(`s3://${bucket}/p/sha256/${blob.digest.slice(7, 9)}/${blob.digest.slice(9)}`);
      expect(Buffer.from(await store.get(blob.digest)).equals(content)).toBe(true);
      store.close();
    });
  });
});

describe('@mlops/storage-s3/data-locations', () => {
  it('exports the data-location plugin and loads no AWS SDK code until a request', () => {
    // A fresh node process: jest's module registry would hide what a plain require loads.
    const script = `const m = require('@mlops/storage-s3/data-locations');
      const sdk = Object.keys(require.cache).filter((k) => k.includes('@aws-sdk') || k.includes('@smithy'));
      console.log(JSON.stringify({ plugins: m.default.map((p) => p.name), sdk: sdk.length }));`;
    const out = spawnSync(process.execPath, ['-e', script], { cwd: __dirname, encoding: 'utf8' });
    expect(out.stderr).toBe('');
    expect(JSON.parse(out.stdout)).toEqual({ plugins: ['data-locations-s3'], sdk: 0 });
  });
});
