/** A seeded source of uniform doubles in [0, 1). */
export interface Rng {
  /** Uniform in [0, 1), 53 random bits. */
  next(): number;
}

/**
 * xoshiro128** seeded through splitmix32: small, fast and good enough for sampling; two 32-bit
 * outputs make one 53-bit double. Deterministic for a seed on every platform.
 */
export function createRng(seed: number): Rng {
  let s = seed >>> 0;
  const split = (): number => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = split(), b = split(), c = split(), d = split();
  if ((a | b | c | d) === 0) a = 1;
  const u32 = (): number => {
    const result = Math.imul(rotl(Math.imul(b, 5) >>> 0, 7), 9) >>> 0;
    const t = (b << 9) >>> 0;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result;
  };
  return { next: () => ((u32() >>> 5) * 67108864 + (u32() >>> 6)) / 9007199254740992 };
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/**
 * Mixes a seed with the trial number and a parameter name, so that what a trial samples depends only
 * on the seed, the history and its own number: a resumed study or another worker replays it. Each
 * input goes through murmur3's finaliser before the next is mixed in, so (seed, trial) pairs do not
 * collide the way a plain XOR would (seed 0 trial 1 = seed 1 trial 0).
 */
export function deriveSeed(seed: number, trialNumber: number, name: string): number {
  let h = fmix32((seed >>> 0) ^ 0x9e3779b9);
  h = fmix32(h ^ fmix32((trialNumber >>> 0) + 0x7f4a7c15));
  h = fmix32(h ^ fmix32(Math.floor(trialNumber / 2 ** 32) + 0x2545f491));
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193) >>> 0;
  return fmix32(h);
}

function fmix32(x: number): number {
  x = x >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b) >>> 0;
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35) >>> 0;
  return (x ^ (x >>> 16)) >>> 0;
}
