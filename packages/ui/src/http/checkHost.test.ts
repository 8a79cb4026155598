import { request } from 'node:http';
import { openUiSubject, type UiSubject } from '../__fixtures__/openUiSubject';
import { hostName } from './checkHost';

/** A GET with a chosen `Host` header (fetch does not let a caller set it; a rebinding browser does). */
function getWithHost(url: string, host: string | undefined): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: host === undefined ? {} : { host }, setHost: host === undefined ? false : undefined }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the dashboard refuses foreign Host headers (DNS rebinding)', () => {
  let subject: UiSubject;
  beforeAll(async () => {
    subject = await openUiSubject('sqlite', { allowedHosts: ['Dash.Example.Lan'] });
    await subject.tracker.startRun({ experiment: 'host-check' });
  });
  afterAll(() => subject?.close());

  it.each([
    ['127.0.0.1:4000', 200],
    ['localhost:4000', 200],
    ['LOCALHOST', 200],
    ['mlops.localhost:4000', 200],
    ['[::1]:4000', 200],
    ['10.1.2.3', 200],
    ['dash.example.lan:4000', 200],
    ['dash.example.lan.', 200],
    ['evil.example.com', 403],
    ['127.0.0.1.evil.example.com:4000', 403],
    ['localhost.evil.example.com', 403],
  ])('Host %s → %i on the API', async (host, status) => {
    const res = await getWithHost(`${subject.server.url}/api/runs`, host);
    expect(res.status).toBe(status);
    if (status === 200) expect(JSON.parse(res.body).total).toBe(1);
    else {
      const { error } = JSON.parse(res.body);
      expect(error.code).toBe('E_UI_FORBIDDEN');
      expect(error.path).toBe('Host');
      expect(error.received).toBe(host);
      expect(error.message).toContain('--allowed-host');
    }
  });

  it('refuses the pages too, not only the API', async () => {
    expect((await getWithHost(`${subject.server.url}/`, 'evil.example.com')).status).toBe(403);
    expect((await getWithHost(`${subject.server.url}/`, 'localhost')).status).toBe(200);
  });

  it('reads the name out of a Host header', () => {
    expect(hostName('[::1]:4000')).toBe('::1');
    expect(hostName('Example.COM:80')).toBe('example.com');
    expect(hostName('example.com.')).toBe('example.com');
    expect(hostName('example.com')).toBe('example.com');
  });
});
