import { createServer, type Server } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { describeWithService, requireServiceOrSkip, requireServicesEnv } from './describeWithService';
import { probeTcp } from './probeTcp';
import { tcpTargetOfUrl, uniqueTestName } from './testServices';

describe('requireServiceOrSkip', () => {
  const saved = process.env[requireServicesEnv];
  afterEach(() => {
    if (saved === undefined) delete process.env[requireServicesEnv];
    else process.env[requireServicesEnv] = saved;
    jest.restoreAllMocks();
  });

  it('is true for a reachable service', () => {
    expect(requireServiceOrSkip('fake', () => ({ ok: true }))).toBe(true);
  });

  it('warns loudly and is false for an unreachable service', () => {
    delete process.env[requireServicesEnv];
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
    expect(requireServiceOrSkip('fake', () => ({ ok: false, detail: 'down for the test' }))).toBe(false);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('SKIPPING FAKE TESTS: fake is not reachable: down for the test'));
  });

  it(`throws instead under ${requireServicesEnv}=1`, () => {
    process.env[requireServicesEnv] = '1';
    expect(() => requireServiceOrSkip('fake', () => ({ ok: false, detail: 'down' }))).toThrow(/fake is not reachable: down .*this is a failure/);
  });
});

describe('probeTcp', () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    server = createServer((socket) => socket.end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('is ok when something listens, and says why when nothing does', async () => {
    expect(probeTcp('127.0.0.1', port)).toEqual({ ok: true });
    const closed = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    expect(probeTcp('127.0.0.1', closed, 1000)).toEqual({ ok: false, detail: expect.stringMatching(/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/) });
  });
});

describe('test service helpers', () => {
  it('tcpTargetOfUrl takes host and port from a URL, with a default port', () => {
    expect(tcpTargetOfUrl('postgres://u@db.example:6543/x', 5432)).toEqual({ host: 'db.example', port: 6543 });
    expect(tcpTargetOfUrl('redis://cache', 6379)).toEqual({ host: 'cache', port: 6379 });
  });

  it('uniqueTestName gives fresh lowercase identifiers', () => {
    const a = uniqueTestName();
    expect(a).toMatch(/^mlops_test_[0-9a-f]{10}$/);
    expect(uniqueTestName()).not.toBe(a);
  });
});

let availableBlockRan = false;
describeWithService('an always-available service', () => ({ ok: true }), () => {
  availableBlockRan = true;
  it('runs the tests of the block', () => expect(availableBlockRan).toBe(true));
});
it('registers the block of an available service', () => expect(availableBlockRan).toBe(true));

// Reported as skipped: were the block run, its test would fail. (Prints the skip banner once.)
if (process.env[requireServicesEnv] !== '1') {
  describeWithService('a service that is never there', () => ({ ok: false, detail: 'by design, in this test' }), () => {
    it('is skipped', () => {
      throw new Error('must not run');
    });
  });
}
