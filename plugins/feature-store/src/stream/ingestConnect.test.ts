import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MemoryOnlineStore, freePort } from '@mlops/testkit';
import { streamSource } from '../definitions';
import { SqlFeatureStore } from '../SqlFeatureStore';
import { sqliteTarget, type TestTarget } from '../__fixtures__/targets';
import { streamFeatures } from './__fixtures__/streamFeatures';

// No server listens on the port: the error names the view, the transport, the stream and the address.
describe('ingest when the stream server is unreachable', () => {
  let subject: TestTarget;
  let port: number;
  beforeAll(async () => {
    subject = await sqliteTarget();
    port = await freePort();
  });
  afterAll(() => subject.cleanup());

  const ingest = async (source: ReturnType<typeof streamSource>) => {
    const store = new SqlFeatureStore({ definitions: streamFeatures(source), registry: subject.target, online: new MemoryOnlineStore(), projectRoot: subject.dir });
    await store.start();
    return store.ingest('customer_stream', { signal: AbortSignal.timeout(10_000) });
  };

  it('fails fast with StreamConnectionError on NATS', async () => {
    const source = streamSource({ nats: { servers: `nats://127.0.0.1:${port}`, stream: 'S', subject: 's.events', durable: 'd' }, timestampColumn: 'ts' });
    await expect(ingest(source)).rejects.toMatchObject({ code: 'E_STREAM', message: expect.stringMatching(new RegExp(`^ingest "customer_stream": could not open nats stream S at nats://127.0.0.1:${port}: `)) });
  });

  it('fails fast with StreamConnectionError on Redis', async () => {
    const source = streamSource({ redis: { url: `redis://127.0.0.1:${port}`, stream: 's', group: 'g' }, timestampColumn: 'ts' });
    await expect(ingest(source)).rejects.toMatchObject({ code: 'E_STREAM', message: expect.stringMatching(new RegExp(`^ingest "customer_stream": could not open redis stream s at redis://127.0.0.1:${port}: .*ECONNREFUSED`)) });
  });
});
