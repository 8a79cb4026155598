import { sobolDirections } from './sobolDirections';

/** Bits of each coordinate, as in SciPy's Sobol engine (points are multiples of 2⁻³⁰). */
export const sobolBits = 30;

/** Most dimensions this engine supports (the embedded direction-number table). */
export const maxSobolDimension = sobolDirections.length;

const vectors: Uint32Array[] = [];

/** Direction vectors V[j] = m_j · 2^(bits−1−j) of dimension `dim`, built from the Joe–Kuo recurrence once. */
function directionVectors(dim: number): Uint32Array {
  const cached = vectors[dim];
  if (cached) return cached;
  const [poly, init] = sobolDirections[dim]!;
  const m = new Array<number>(sobolBits);
  if (dim === 0) m.fill(1);
  else {
    const s = Math.floor(Math.log2(poly));
    for (let j = 0; j < s; j++) m[j] = init[j]!;
    for (let j = s; j < sobolBits; j++) {
      // m_j = 2^s m_{j−s} ⊕ m_{j−s} ⊕ ⊕_{k=1..s−1} a_k 2^k m_{j−k}, a_k the polynomial's inner bits.
      let next = m[j - s]! ^ (m[j - s]! << s);
      for (let k = 1; k < s; k++) if ((poly >> (s - k)) & 1) next ^= m[j - k]! << k;
      m[j] = next;
    }
  }
  const v = new Uint32Array(sobolBits);
  for (let j = 0; j < sobolBits; j++) v[j] = (m[j]! << (sobolBits - 1 - j)) >>> 0;
  vectors[dim] = v;
  return v;
}

/**
 * Coordinate `dim` of the unscrambled Sobol point `index` (0-based; point 0 is the origin), in Gray
 * code order like SciPy's `qmc.Sobol(d, scramble=False).random(n)`. Computed directly from the index,
 * so any worker can compute any point without replaying the sequence.
 */
export function sobolCoordinate(index: number, dim: number, shift = 0): number {
  if (!Number.isInteger(dim) || dim < 0 || dim >= maxSobolDimension) throw new RangeError(`Sobol dimension ${dim} is outside 0..${maxSobolDimension - 1}`);
  if (!Number.isSafeInteger(index) || index < 0 || index >= 2 ** sobolBits) throw new RangeError(`Sobol index ${index} is outside 0..2^${sobolBits}-1`);
  const v = directionVectors(dim);
  let gray = index ^ Math.floor(index / 2);
  let x = shift >>> 0;
  for (let j = 0; gray > 0; j++, gray = Math.floor(gray / 2)) if (gray & 1) x ^= v[j]!;
  return (x >>> 0) / 2 ** sobolBits;
}

/** The first `n` points in `d` dimensions, row-major. */
export function sobolPoints(n: number, d: number): Float64Array {
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) for (let k = 0; k < d; k++) out[i * d + k] = sobolCoordinate(i, k);
  return out;
}
