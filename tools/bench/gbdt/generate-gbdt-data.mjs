// Seeded synthetic binary classification data for bench-gbdt: 28 features (HIGGS-sized), a label
// from a nonlinear rule plus noise, ~2% missing values in 4 features. Written once as float32
// little-endian, row-major `rows × 29` (features then label), so NumPy reads it with np.fromfile.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../lib/common.mjs';

export const FEATURES = 28;

function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Returns the file path, generating it when absent. */
export function generateGbdtData(rows, seed = 7) {
  const dir = join(repoRoot, 'tools', 'bench', 'data');
  const file = join(dir, `gbdt-${rows}x${FEATURES}.f32`);
  if (existsSync(file)) return file;
  mkdirSync(dir, { recursive: true });
  const r = rng(seed);
  const out = new Float32Array(rows * (FEATURES + 1));
  for (let i = 0; i < rows; i++) {
    const o = i * (FEATURES + 1);
    for (let f = 0; f < FEATURES; f++) out[o + f] = (r() + r() + r() - 1.5) * (1 + f / 10);
    const x = (f) => out[o + f];
    const s = x(0) * x(1) - 0.8 * x(2) + Math.sin(3 * x(3)) + 0.5 * (x(4) > 0.2 ? 1 : -1) * x(5) + 0.3 * x(6) * x(6) - 0.4 + (r() - 0.5) * 1.5;
    out[o + FEATURES] = s > 0 ? 1 : 0;
    for (let f = 7; f < 11; f++) if (r() < 0.02) out[o + f] = NaN;
  }
  writeFileSync(file, out);
  return file;
}
