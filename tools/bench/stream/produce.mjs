// Publishes events at a steady rate with event time = publish time (the freshness producer).
// argv: <redis|nats> <url> <stream key or subject> <events/s> <seconds>
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { repoRoot } from '../lib/common.mjs';

const [transport, url, target, rateText, secondsText] = process.argv.slice(2);
const rate = Number(rateText);
const total = rate * Number(secondsText);
const req = createRequire(join(repoRoot, 'plugins/feature-store/package.json'));
const tickMs = 5;
const perTick = (rate * tickMs) / 1000;

let publish;
let close;
if (transport === 'redis') {
  const redis = new (req('ioredis'))(url);
  publish = async (batch) => {
    const p = redis.pipeline();
    for (const data of batch) p.xadd(target, '*', 'data', data);
    return (await p.exec()).filter(([error]) => !error).length;
  };
  close = () => redis.quit();
} else {
  const nc = await req('@nats-io/transport-node').connect({ servers: url });
  const jsc = req('@nats-io/jetstream').jetstream(nc);
  publish = async (batch) => (await Promise.allSettled(batch.map((data) => jsc.publish(target, data)))).filter((r) => r.status === 'fulfilled').length;
  close = () => nc.close();
}

const start = performance.now();
let sent = 0;
let accepted = 0;
let failed = 0;
const inFlight = [];
// A publish the server does not confirm (e.g. a timeout under load) is counted, not fatal.
const track = (promise, n) => promise.then((ok) => ((accepted += ok), (failed += n - ok)), () => (failed += n));
while (sent < total) {
  // Catch up to the schedule, so a slow tick does not lower the rate.
  const due = Math.min(total, Math.floor(((performance.now() - start) / tickMs + 1) * perTick));
  const batch = [];
  for (; sent < due; sent++) batch.push(JSON.stringify({ customer_id: sent % 2000, ts: Date.now(), spend: sent * 0.5, orders: sent % 50, segment: 'a', active: true }));
  if (batch.length) inFlight.push(track(publish(batch), batch.length));
  if (inFlight.length > 20) await Promise.all(inFlight.splice(0));
  await new Promise((r) => setTimeout(r, tickMs));
}
await Promise.all(inFlight);
await close();
if (failed) console.error(`producer: ${failed} of ${accepted + failed} publishes not confirmed in time (they may still be stored)`);
