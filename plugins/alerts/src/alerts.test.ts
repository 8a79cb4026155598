import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { resolveConfig } from '@mlops/core';
import { createTestContext, memoryArtifactStore, memoryMetadataStore } from '@mlops/testkit';

const storage = { artifactStore: memoryArtifactStore, metadataStore: memoryMetadataStore };
import { alerts } from './index';

let server: Server;
let received: { body: unknown; headers: IncomingMessage['headers'] }[];
let statuses: number[];
let dir: string;
let url: string;

beforeEach(async () => {
  received = [];
  statuses = [];
  dir = mkdtempSync(path.join(tmpdir(), 'mlops-alerts-'));
  server = createServer((req, res) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      received.push({ body: JSON.parse(data), headers: req.headers });
      res.statusCode = statuses.shift() ?? 200;
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
});
afterEach(async () => {
  await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
});

const alert = { severity: 'warning' as const, title: 'promotion refused: churn v3', detail: 'rocAuc 0.91 does not beat v2 0.93', labels: { model: 'churn' } };

describe('alerts plugin', () => {
  it('appends to the JSONL file and posts JSON to a webhook with its headers', async () => {
    const sink = await alerts.create(createTestContext(alerts, { webhooks: [{ url, headers: { authorization: 'Bearer t' } }] }, { stateDir: dir }));
    await sink.send(alert);
    await sink.send({ ...alert, severity: 'critical', title: 'second' });
    const lines = readFileSync(path.join(dir, 'alerts.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.title)).toEqual([alert.title, 'second']);
    expect(lines[0].at).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(received).toHaveLength(2);
    expect(received[0].body).toMatchObject(alert);
    expect(received[0].headers.authorization).toBe('Bearer t');
  });

  it('formats for Slack-compatible webhooks', async () => {
    const sink = await alerts.create(createTestContext(alerts, { file: false, log: false, webhooks: [{ url, format: 'slack' }] }, { stateDir: dir }));
    await sink.send(alert);
    expect((received[0].body as { text: string }).text).toBe('⚠️ *promotion refused: churn v3*\nrocAuc 0.91 does not beat v2 0.93\n_model=churn_');
  });

  it('retries a 5xx, gives up on a 4xx, and still writes the file when a webhook fails', async () => {
    statuses = [503, 200];
    const sink = await alerts.create(createTestContext(alerts, { log: false, webhooks: [{ url, retries: 2 }] }, { stateDir: dir }));
    await sink.send(alert);
    expect(received).toHaveLength(2);

    statuses = [400, 200];
    received = [];
    await expect(sink.send(alert)).rejects.toThrow(/did not take the alert "promotion refused: churn v3": HTTP 400/);
    expect(received).toHaveLength(1);
    expect(readFileSync(path.join(dir, 'alerts.jsonl'), 'utf8').trim().split('\n')).toHaveLength(2);
  });

  it('fails clearly when the webhook is unreachable, and rejects bad options', async () => {
    const sink = await alerts.create(createTestContext(alerts, { file: false, log: false, webhooks: [{ url: 'http://127.0.0.1:9/x', retries: 0, timeoutMs: 2000 }] }, { stateDir: dir }));
    await expect(sink.send(alert)).rejects.toThrow(/webhook 127.0.0.1:9 did not take the alert/);
    // What a user sees for bad options in mlops.config.ts: the field, what was expected, what was found.
    const configMessage = async (options: unknown) => ((await resolveConfig({ plugins: { ...storage, alertSink: { use: alerts, options } } }, path.join(process.cwd(), 'mlops.config.ts'), {}).catch((e: unknown) => e)) as Error).message;
    expect(await configMessage({ webhooks: [{ url: 'not a url' }] })).toBe('mlops.config.ts: plugins.alertSink.options.webhooks[0].url: expected a string in url format, received "not a url"');
    expect(await configMessage({ fil: 'x' })).toBe('mlops.config.ts: plugins.alertSink.options.fil: expected no field "fil" (did you mean "file"?), received "x"');
  });
});
