import { connect } from 'node:net';
import { openUiSubject, type UiSubject } from '../__fixtures__/openUiSubject';

const token = 'tok-0123456789abcdef';

/** Writes `text` on a raw socket, half-closes after `endAfterMs`, and resolves with all it read. */
function rawExchange(url: string, text: string, endAfterMs: number): Promise<string> {
  const { port, hostname } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    let read = '';
    socket.on('data', (d) => (read += d.toString('latin1')));
    socket.on('close', () => resolve(read));
    socket.on('error', () => undefined);
    socket.write(text, 'latin1');
    setTimeout(() => socket.end(), endAfterMs);
  });
}

describe('the dashboard and clients that misbehave', () => {
  let subject: UiSubject;
  const serverFaults: unknown[] = [];
  beforeAll(async () => {
    subject = await openUiSubject('sqlite', { token, onError: (error) => serverFaults.push(error) });
    await subject.tracker.startRun({ experiment: 'client-faults' });
  });
  afterAll(() => subject?.close());

  it('a client that goes away mid-body is not a server fault, and the dashboard goes on', async () => {
    const head = `POST /api/models/churn/rollback HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n`;
    for (let i = 0; i < 5; i++) await rawExchange(subject.server.url, `${head}{"reason":"half`, 100);
    await new Promise((r) => setTimeout(r, 100));
    expect(serverFaults).toEqual([]);
    expect((await fetch(`${subject.server.url}/api/runs`)).status).toBe(200);
  });

  it('HEAD answers every GET route as GET does, without a body', async () => {
    const get = await fetch(`${subject.server.url}/api/runs`);
    const head = await fetch(`${subject.server.url}/api/runs`, { method: 'HEAD' });
    expect([head.status, head.headers.get('content-type'), head.headers.get('etag'), await head.text()]).toEqual([200, 'application/json; charset=utf-8', get.headers.get('etag'), '']);
    const etag = get.headers.get('etag')!;
    expect((await fetch(`${subject.server.url}/api/runs`, { method: 'HEAD', headers: { 'if-none-match': etag } })).status).toBe(304);
    expect((await fetch(`${subject.server.url}/api/runs/nope`, { method: 'HEAD' })).status).toBe(404);
    expect((await fetch(`${subject.server.url}/api/models/churn/rollback`, { method: 'HEAD' })).status).toBe(404);
  });
});
