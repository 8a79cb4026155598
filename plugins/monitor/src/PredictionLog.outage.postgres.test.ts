import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { silentLogger, type Logger } from '@mlops/core';
import { describeWithService, postgresTestUrl, startCuttableLink, tcpTargetOfUrl, type CuttableLink } from '@mlops/testkit';
import { postgresLogSubject, servedEvent, type LogSubject } from './__fixtures__/logSubjects';

// The server's prediction log when its Postgres goes away (the network to it cut: open connections
// reset, new ones refused) and comes back: a relay in front of the real server, cut by the test.
describeWithService('postgres', tcpTargetOfUrl(postgresTestUrl(), 5432), () => {
  let link: CuttableLink;
  let s: LogSubject;
  beforeAll(async () => {
    const direct = new URL(postgresTestUrl());
    link = await startCuttableLink({ host: direct.hostname, port: Number(direct.port || 5432) });
    const relayed = new URL(direct);
    relayed.hostname = '127.0.0.1';
    relayed.port = String(link.port);
    s = await postgresLogSubject(relayed.toString());
  });
  afterAll(async () => {
    link?.restore();
    await s?.cleanup();
    await link?.close();
  });

  it('database unreachable: announcing never waits, rows stay buffered (health says so), and all are written once it is back', async () => {
    const lines: string[] = [];
    const logger: Logger = { ...silentLogger, warn: (m: string) => void lines.push(m) };
    const { log, hooks } = await s.open({ batchRows: 100, maxBufferedRows: 5000, flushIntervalMs: 50 }, logger);
    hooks.announce('predictionsServed', servedEvent([40, 60], { idPrefix: 'before' }), 100);
    await hooks.flush();
    await log.flush();
    expect(log.stats()).toMatchObject({ written: 100, writeErrors: 0 });

    link.cut();
    let worstLagMs = 0;
    for (let c = 0; c < 20; c++) {
      hooks.announce('predictionsServed', servedEvent([50], { idPrefix: `down${c}` }), 50);
      const t = performance.now();
      await new Promise((r) => setTimeout(r, 20));
      worstLagMs = Math.max(worstLagMs, performance.now() - t - 20);
    }
    await hooks.flush();
    // Flushes failed (each one quickly: a reset connection, not a hang), nothing was dropped.
    for (let i = 0; i < 100 && log.stats().writeErrors === 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(worstLagMs).toBeLessThan(1000);
    expect(log.stats()).toMatchObject({ written: 100, dropped: 0, buffered: 1000 });
    expect(log.stats().writeErrors).toBeGreaterThan(0);
    expect(log.health()).toEqual({ ok: false, detail: expect.stringContaining('prediction log writes failing (1000 rows buffered)') });
    expect(lines[0]).toMatch(/^monitor: writing \d+ prediction log rows failed \(1 failure so far; kept buffered, retried every 50 ms\)/);

    link.restore();
    for (let i = 0; i < 200 && log.stats().buffered > 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(log.stats()).toMatchObject({ written: 1100, dropped: 0, buffered: 0 });
    expect(log.health()).toEqual({ ok: true });
    // Written once each: every request id of the outage is in the table exactly once.
    const ids = (await s.sql.knex(s.table).select('request_ids')).flatMap((r: { request_ids: string }) => JSON.parse(r.request_ids) as string[]);
    const expected = ['before-0', 'before-1', ...Array.from({ length: 20 }, (_, c) => `down${c}-0`)];
    expect(ids.sort()).toEqual(expected.sort());
  }, 60_000);
});
