import { randomBytes } from 'node:crypto';

const alphabet = '0123456789abcdefghjkmnpqrstvwxyz';

/**
 * A 20-character id that sorts by creation time: 10 chars of milliseconds (base 32) then 10 random
 * chars. Short prefixes are usually unique, so the CLI accepts them (`mlops runs show 01j9x`).
 */
export function createId(now: number = Date.now()): string {
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = alphabet[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const bytes = randomBytes(10);
  let rand = '';
  for (const b of bytes) rand += alphabet[b % 32];
  return time + rand;
}
