import { randomFillSync } from 'node:crypto';

const alphabet = '0123456789abcdefghjkmnpqrstvwxyz';
let lastTime = -1;
let lastRandom: number[] = [];

/**
 * A 20-character id that sorts by creation time: 10 chars of milliseconds (base 32) then 10 random
 * chars. Short prefixes are usually unique, so the CLI accepts them (`mlops runs show 01j9x`).
 * Within one process ids are strictly increasing: a second id in the same millisecond increments the
 * random part (as monotonic ULIDs do), so records created in order list in order.
 */
export function createId(now: number = Date.now()): string {
  let random: number[];
  if (now <= lastTime) {
    now = lastTime;
    random = increment(lastRandom);
  } else {
    random = randomDigits();
    // Leave headroom so increments within one millisecond never overflow the random part.
    random[0] = Math.min(random[0], 15);
  }
  lastTime = now;
  lastRandom = random;
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = alphabet[t % 32] + time;
    t = Math.floor(t / 32);
  }
  return time + random.map((d) => alphabet[d]).join('');
}

// Random bytes drawn from the OS 10 at a time cost a worker a system call and ~2% of its CPU per
// empty orchestrated step (each step run gets an id): they are drawn for 100 ids at a time instead.
const pool = Buffer.alloc(1000);
let used = pool.length;

function randomDigits(): number[] {
  if (used + 10 > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  const out = new Array<number>(10);
  for (let i = 0; i < 10; i++) out[i] = pool[used + i] % 32;
  used += 10;
  return out;
}

function increment(digits: number[]): number[] {
  const out = [...digits];
  for (let i = out.length - 1; i >= 0; i--) {
    if (out[i] < 31) {
      out[i]++;
      return out;
    }
    out[i] = 0;
  }
  return out;
}
