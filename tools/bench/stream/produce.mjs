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
  publish = (batch) => {
    const p = redis.pipeline();
    for (const data of batch) p.xadd(target, '*', 'data', data);
    return p.exec();
  };
  close = () => redis.quit();
} else {
  const nc = await req('@nats-io/transport-node').connect({ servers: url });
  const jsc = req('@nats-io/jetstream').jetstream(nc);
  publish = (batch) => Promise.all(batch.map((data) => jsc.publish(target, data)));
  close = () => nc.close();
}

const start = performance.now();
let sent = 0;
const inFlight = [];
while (sent < total) {
  // Catch up to the schedule, so a slow tick does not lower the rate.
  const due = Math.min(total, Math.floor(((performance.now() - start) / tickMs + 1) * perTick));
  const batch = [];
  for (; sent < due; sent++) batch.push(JSON.stringify({ customer_id: sent % 2000, ts: Date.now(), spend: sent * 0.5, orders: sent % 50, segment: 'a', active: true }));
  if (batch.length) inFlight.push(publish(batch));
  if (inFlight.length > 50) await Promise.all(inFlight.splice(0));
  await new Promise((r) => setTimeout(r, tickMs));
}
await Promise.all(inFlight);
await close();
