/**
 * mulberry32 (Tommy Ettinger's 32-bit PRNG): returns a function yielding floats in [0, 1).
 * Chosen because it is tiny, fast and fully determined by a 32-bit seed, so a split is the same on
 * every machine and Node version (Math.random cannot be seeded). Not for cryptography.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
