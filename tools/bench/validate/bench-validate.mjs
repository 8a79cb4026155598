#!/usr/bin/env node
// @mlops/validator on a generated 1,000,000-row frame (id, float with 2% nulls, timestamp, entity,
// e-mail PII, city): the whole validation (every check, fills, clipping, PII masking, baseline),
// and the entity/time ordering used by ffill and the temporal checks (`timeOrder`, V8's native
// sort with a comparator) against a hand-written merge sort on typed arrays, the alternative that
// was tried and not kept (ratio ~1). Needs `npx tsc -b plugins/validator` first.
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const require = createRequire(import.meta.url);
const { Frame, categoryColumn, float64Column, int32Column, timestampColumn } = require(path.join(repo, 'packages/frame/dist/index.js'));
const { validateFrame } = require(path.join(repo, 'plugins/validator/dist/index.js'));
const { timeOrder, sortKeys } = require(path.join(repo, 'plugins/validator/dist/checks/timeOrder.js'));

const n = Number(process.env.ROWS ?? 1_000_000);
const runs = Number(process.env.RUNS ?? 5);
let seed = 42;
const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);

const x = new Float64Array(n), id = new Int32Array(n), ts = new Float64Array(n), user = new Int32Array(n), email = new Int32Array(n), city = new Int32Array(n), nulls = new Uint8Array(n);
for (let i = 0; i < n; i++) {
  x[i] = random() * 100;
  id[i] = i;
  user[i] = Math.floor(random() * 1000);
  ts[i] = Date.UTC(2023, 0, 1) + i * 1000;
  email[i] = user[i];
  city[i] = Math.floor(random() * 5);
  if (random() < 0.02) nulls[i] = 1;
}
const frame = Frame.fromColumns({
  id: int32Column(id),
  x: float64Column(x, nulls),
  ts: timestampColumn(ts),
  user: categoryColumn(user, Array.from({ length: 1000 }, (_, i) => `u${i}`)),
  email: categoryColumn(email, Array.from({ length: 1000 }, (_, i) => `user${i}@example.com`)),
  city: categoryColumn(city, ['Paris', 'Berlin', 'Rome', 'Oslo', 'Lima']),
});
const schema = {
  name: 'bench',
  columns: {
    id: { dtype: 'int32', unique: true },
    x: { dtype: 'float64', range: { min: 0, max: 100 }, missing: { strategy: 'ffill' }, outliers: { method: 'iqr', clip: true } },
    ts: { dtype: 'timestamp' },
    user: { dtype: 'category' },
    email: { dtype: 'category' },
    city: { dtype: 'category', allowed: ['Paris', 'Berlin', 'Rome', 'Oslo'] },
  },
  key: 'id',
  timestamp: 'ts',
  entity: 'user',
  expectedFrequencyMs: 60_000,
  duplicates: { policy: 'keep_first' },
};

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}
function time(fn) {
  fn();
  const out = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    out.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return +median(out).toFixed(1);
}

const entity = sortKeys(frame.column('user'));
const times = sortKeys(frame.column('ts'));
const nanLast = (a, b) => (a === b ? 0 : a !== a ? 1 : b !== b ? -1 : a < b ? -1 : 1);
function mergeSort() {
  let order = Int32Array.from({ length: n }, (_, i) => i);
  let buffer = new Int32Array(n);
  const before = (a, b) => (nanLast(entity[a], entity[b]) || nanLast(times[a], times[b]) || a - b) < 0;
  for (let width = 1; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n), hi = Math.min(lo + 2 * width, n);
      let i = lo, j = mid, k = lo;
      while (i < mid && j < hi) buffer[k++] = before(order[j], order[i]) ? order[j++] : order[i++];
      while (i < mid) buffer[k++] = order[i++];
      while (j < hi) buffer[k++] = order[j++];
    }
    [order, buffer] = [buffer, order];
  }
  return order;
}
const results = {
  rows: n,
  validateMs: time(() => validateFrame(frame, schema, { now: Date.UTC(2024, 0, 1) })),
  timeOrderMs: time(() => timeOrder(n, entity, times)),
  mergeSortMs: time(mergeSort),
};
results.timeOrderVsMergeSort = +(results.timeOrderMs / results.mergeSortMs).toFixed(3);
console.log(JSON.stringify(results, null, 2));
