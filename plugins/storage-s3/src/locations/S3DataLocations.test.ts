import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createRequire } from 'node:module';
import { DataLocationError, Frame, dataLocationHandler, float64Column, readArrow, readCsv, readJsonl, readParquet, writeCsv } from '@mlops/frame';
import { describeWithMotoServer, freePort, startMotoServer, uniqueTestName } from '@mlops/testkit';
import { createS3Client } from '../lib/createS3Client';
import { registerS3DataLocations, type S3DataLocations } from './S3DataLocations';
import { s3LocationOptions } from './s3LocationOptions';

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
const parquetFixture = join(__dirname, '../../../../packages/frame/src/__fixtures__/sample.parquet');

function handlerFor(endpoint: string, extra: Partial<{ credentials: typeof credentials; maxAttempts: number }> = {}): S3DataLocations {
  return registerS3DataLocations(s3LocationOptions.parse({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { ...credentials }, maxAttempts: 1, connectTimeoutMs: 1000, ...extra }));
}

async function errorOf(promise: Promise<unknown>): Promise<DataLocationError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(DataLocationError);
  return error as DataLocationError;
}

describe('s3:// without a registered handler', () => {
  it('readCsv names the URI and says how to register the scheme', async () => {
    const error = await errorOf(readCsv('s3://some-bucket/x.csv'));
    expect(error.message).toContain('s3://some-bucket/x.csv: unknown URI scheme "s3://"');
    expect(error.message).toContain("plugins.dataLocations: '@mlops/storage-s3'");
    expect(error.badInput).toBe(true);
  });

  it('an unknown scheme is refused naming it', async () => {
    const error = await errorOf(readParquet('gs://b/k.parquet'));
    expect(error.message).toMatch(/^gs:\/\/b\/k\.parquet: unknown URI scheme "gs:\/\/"/);
  });
});

describe('unreachable endpoint', () => {
  it('names the URI and the endpoint', async () => {
    const port = await freePort();
    const handler = handlerFor(`http://127.0.0.1:${port}`);
    try {
      const error = await errorOf(readCsv('s3://data-bucket/train.csv'));
      expect(error.message).toMatch(new RegExp(`^s3://data-bucket/train\\.csv: (stat|read) failed: cannot reach http://127\\.0\\.0\\.1:${port} \\(.*ECONNREFUSED`));
      expect(error.badInput).toBe(false);
    } finally {
      await handler.close();
    }
  });
});

describeWithMotoServer((moto) => {
  let client: S3Client;
  let handler: S3DataLocations;
  let bucket: string;
  let dir: string;
  beforeAll(async () => {
    client = createS3Client({ endpoint: moto().endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { ...credentials }, maxAttempts: 2, connectTimeoutMs: 2000, maxSockets: 4 });
    bucket = uniqueTestName('mlops-data').replace(/_/g, '-').toLowerCase();
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
    handler = handlerFor(moto().endpoint);
    dir = await mkdtemp(join(tmpdir(), 'mlops-s3-data-'));
  });
  afterAll(async () => {
    await handler.close();
    client.destroy();
    await rm(dir, { recursive: true, force: true });
  });
  const put = (key: string, body: string | Uint8Array) => client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));

  describe('readCsv and readParquet on s3://', () => {
    it('reads a CSV object into the same frame as the local file', async () => {
      // Wider than one read chunk and than the 8 MiB sample, so sampling (a ranged GET) and the full streamed read both run.
      const lines = ['id,amount,city'];
      for (let i = 0; i < 400_000; i++) lines.push(`${i},${(i * 0.25).toFixed(2)},${i % 3 === 0 ? 'oslo' : 'lima'}`);
      const text = `${lines.join('\n')}\n`;
      const local = join(dir, 'big.csv');
      await writeFile(local, text);
      await put('raw/big.csv', text);
      const remote = (await readCsv(`s3://${bucket}/raw/big.csv`)).frame;
      const expected = (await readCsv(local)).frame;
      expect(remote.rowCount).toBe(400_000);
      expect(remote.schema).toEqual(expected.schema);
      expect(remote.column('amount').data).toEqual(expected.column('amount').data);
      expect(remote.toRows(2)).toEqual([{ id: 0, amount: 0, city: 'oslo' }, { id: 1, amount: 0.25, city: 'lima' }]);
      expect(remote.column('id').data[399_999]).toBe(399_999);
    });

    it('reads an empty CSV object as an empty frame', async () => {
      await put('raw/empty.csv', '');
      expect((await readCsv(`s3://${bucket}/raw/empty.csv`)).frame.rowCount).toBe(0);
    });

    it('reads a Parquet object by ranges into the same frame as the local file', async () => {
      await put('raw/sample.parquet', await readFile(parquetFixture));
      const remote = await readParquet(`s3://${bucket}/raw/sample.parquet`);
      const expected = await readParquet(parquetFixture);
      expect(remote.rowCount).toBe(expected.rowCount);
      expect(remote.toRows()).toEqual(expected.toRows());
    });

    it('writes a local file to a key and reads it back', async () => {
      const local = join(dir, 'out.csv');
      await writeFile(local, 'a,b\n1,x\n2,y\n');
      await handler.writeFile(`s3://${bucket}/out/pred.csv`, local);
      expect((await readCsv(`s3://${bucket}/out/pred.csv`)).frame.toRows()).toEqual([{ a: 1, b: 'x' }, { a: 2, b: 'y' }]);
    });
  });

  describe('the other readers and writers on s3://', () => {
    it('readJsonl streams a JSON Lines object into the same frame as the local file', async () => {
      const text = Array.from({ length: 50_000 }, (_, i) => JSON.stringify({ id: i, score: i / 8, tag: i % 2 ? 'odd' : 'even' })).join('\n');
      const local = join(dir, 'rows.jsonl');
      await writeFile(local, text);
      await put('raw/rows.jsonl', text);
      const remote = (await readJsonl(`s3://${bucket}/raw/rows.jsonl`)).frame;
      const expected = (await readJsonl(local)).frame;
      expect(remote.rowCount).toBe(50_000);
      expect(remote.toRows()).toEqual(expected.toRows());
      expect(remote.toRows(1)).toEqual([{ id: 0, score: 0, tag: 'even' }]);
    });

    it('readArrow reads an Arrow IPC object', async () => {
      // apache-arrow is @mlops/frame's dependency, not this package's: load it from there.
      const arrow = createRequire(require.resolve('@mlops/frame/package.json'))('apache-arrow') as typeof import('apache-arrow');
      const bytes = arrow.tableToIPC(arrow.tableFromArrays({ x: Float64Array.from([1.5, 2.5, 3.5]), name: ['a', 'b', 'c'] }), 'file');
      await put('raw/t.arrow', bytes);
      expect((await readArrow(`s3://${bucket}/raw/t.arrow`)).toRows()).toEqual([
        { x: 1.5, name: 'a' },
        { x: 2.5, name: 'b' },
        { x: 3.5, name: 'c' },
      ]);
    });

    it('writeCsv writes to an s3:// key (only the complete object appears) and readCsv reads it back', async () => {
      const frame = Frame.fromColumns({ v: float64Column(Float64Array.from({ length: 10_000 }, (_, i) => i * 0.5)) });
      await writeCsv(frame, `s3://${bucket}/out/frame.csv`);
      const back = (await readCsv(`s3://${bucket}/out/frame.csv`)).frame;
      expect(back.rowCount).toBe(10_000);
      expect(Array.from(back.column('v').data as Float64Array)).toEqual(Array.from(frame.column('v').data as Float64Array));
    });

    it('writeCsv to a missing bucket fails naming the URI', async () => {
      const frame = Frame.fromColumns({ v: float64Column(Float64Array.from([1])) });
      const error = await errorOf(writeCsv(frame, 's3://no-such-bucket-for-writes/x.csv'));
      expect(error.message).toContain('s3://no-such-bucket-for-writes/x.csv');
    });
  });

  describe('errors name the URI', () => {
    it('a missing key', async () => {
      const error = await errorOf(readCsv(`s3://${bucket}/nope.csv`));
      expect(error.message).toMatch(new RegExp(`^s3://${bucket}/nope\\.csv: (stat|read) failed: no such object at ${moto().endpoint}$`));
      expect(error.path).toBe(`s3://${bucket}/nope.csv`);
      expect(error.badInput).toBe(true);
    });

    it('a missing bucket', async () => {
      const error = await errorOf(readParquet('s3://no-such-bucket-here/x.parquet'));
      expect(error.message).toContain('s3://no-such-bucket-here/x.parquet: ');
      expect(error.message).toMatch(/does not exist|no such object/);
    });

    it('a URI without a bucket or a key', async () => {
      expect((await errorOf(readCsv('s3:///x.csv'))).message).toContain('the bucket is missing');
      expect((await errorOf(readCsv(`s3://${bucket}`))).message).toContain('the object key is missing');
      expect((await errorOf(readCsv(`s3://${bucket}/folder/`))).message).toContain('the object key is missing');
    });
  });
  describe('access denied', () => {
    it('names the URI and says to check the credentials', async () => {
      // A second moto that checks credentials (the shared one accepts any).
      const strict = await startMotoServer({ env: { INITIAL_NO_AUTH_ACTION_COUNT: '0' } });
      const handler = handlerFor(strict.endpoint, { credentials: { accessKeyId: 'nobody', secretAccessKey: 'wrong' } });
      try {
        const error = await errorOf(readCsv('s3://team-bucket/train.csv'));
        // readCsv asks for the size and the first bytes at once: whichever is refused first is reported.
        expect(error.message).toMatch(new RegExp(`^s3://team-bucket/train\\.csv: (stat|read) failed: access denied at ${strict.endpoint} \\((InvalidAccessKeyId|HTTP 403)\\); check the credentials`));
        expect(dataLocationHandler('s3://team-bucket/train.csv')).toBe(handler);
      } finally {
        await handler.close();
        await strict.stop();
      }
    }, 60_000);
  });
});
