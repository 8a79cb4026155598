import type { Distribution } from '../distributions';
import { createRng, deriveSeed } from '../rng';
import { roundToStep } from './fromUnit';
import { maxSobolDimension, sobolBits, sobolCoordinate } from './sobol';

/**
 * How TPE draws its startup trials (the first `nStartupTrials`, before any model is fitted):
 * - `'random'`: each parameter uniform and independent (Optuna's startup);
 * - `'lhs'`: a Latin hypercube per block of `nStartupTrials` trial numbers: in each block, every
 *   parameter's values fall one in each of `nStartupTrials` equal slices of its range (log ranges in
 *   log space), slices paired across parameters by independent seeded permutations;
 * - `'sobol'`: Owen-scrambled Sobol points, trial `n` taking point `n`, a parameter taking the
 *   Sobol dimension of its position among the trial's suggestions: every 2^m consecutive points
 *   from 0 are a (t, m, s)-net, stratified in each dimension and jointly in low dimensions.
 */
export type StartupDesign = 'random' | 'lhs' | 'sobol';

export const startupDesigns: readonly StartupDesign[] = ['random', 'lhs', 'sobol'];

/**
 * The centre of a parameter's range (TPE's `startupCentre`), in the sampler's internal representation:
 * the midpoint of a float range, the geometric midpoint √(low·high) of a log range, rounded onto the
 * grid for step and int ranges (halves up), and choice ⌊k/2⌋ of a categorical's k (an index).
 */
export function centreOf(dist: Distribution): number {
  if (dist.type === 'categorical') return Math.floor(dist.choices.length / 2);
  const middle = dist.log ? Math.exp((Math.log(dist.low) + Math.log(dist.high)) / 2) : (dist.low + dist.high) / 2;
  const step = dist.type === 'int' ? (dist.log ? 1 : dist.step) : dist.step;
  // Clipped as well: exp of the mean log can land an ulp outside [low, high] when they are equal.
  return step === undefined ? Math.min(dist.high, Math.max(dist.low, middle)) : roundToStep(middle, dist.low, dist.high, step);
}

/**
 * The unit-interval coordinate of a Latin hypercube design: trial `trialNumber` of block
 * ⌊trialNumber / size⌋, for the parameter `name`. The slice comes from a permutation of 0..size−1
 * seeded by (seed, block, name), so it depends only on those (not on the history or on the other
 * parameters); the position inside the slice is `jitter` ∈ [0, 1).
 */
export function latinHypercubeUnit(seed: number, trialNumber: number, name: string, size: number, jitter: number): number {
  if (!Number.isSafeInteger(size) || size < 1) throw new RangeError(`Latin hypercube size ${size} must be a positive integer`);
  const block = Math.floor(trialNumber / size);
  const slice = permutation(size, deriveSeed(seed, block, `\u0000lhs\u0000${name}`))[trialNumber - block * size]!;
  return (slice + jitter) / size;
}

// Fisher–Yates over 0..n−1 with a seeded stream.
function permutation(n: number, seed: number): number[] {
  const rng = createRng(seed);
  const out = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * Coordinate `dim` of Sobol point `index` under Owen's nested uniform scrambling: bit j of the
 * coordinate is flipped by a seeded hash of (seed, dim, the j bits above it), so points sharing the
 * top j bits get the same flip there and every elementary interval stays an elementary interval: the
 * net property of the unscrambled sequence is kept while each point is uniform on [0, 1).
 * Returns `undefined` past the embedded direction numbers' dimensions or the sequence's length.
 */
export function owenSobolUnit(seed: number, index: number, dim: number): number | undefined {
  if (dim >= maxSobolDimension || index >= 2 ** sobolBits) return undefined;
  const x = Math.round(sobolCoordinate(index, dim) * 2 ** sobolBits);
  const key = deriveSeed(seed, dim, '\u0000owen');
  let out = 0;
  let prefix = 1; // the bits seen so far behind a leading 1, so prefixes of different lengths differ
  for (let j = sobolBits - 1; j >= 0; j--) {
    const bit = Math.floor(x / 2 ** j) % 2;
    out = out * 2 + (bit ^ (hash32(key, prefix) & 1));
    prefix = prefix * 2 + bit;
  }
  return out / 2 ** sobolBits;
}

function hash32(key: number, value: number): number {
  let h = (key ^ Math.imul(value >>> 0, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  h = (h ^ (h >>> 16)) >>> 0;
  // A second round so that the low bit depends on every bit of key and value.
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0;
  h = Math.imul(h ^ (h >>> 12), 0x297a2d39) >>> 0;
  return (h ^ (h >>> 15)) >>> 0;
}
