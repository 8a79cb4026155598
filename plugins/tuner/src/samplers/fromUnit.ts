import type { Distribution } from '../distributions';

/**
 * Maps u in [0, 1) onto a distribution the way Optuna's search-space transform does: log ranges
 * uniformly in log space, a step or int range over [low − step/2, high + step/2] then rounded onto
 * the grid and clipped, a categorical by index.
 */
export function fromUnit(dist: Distribution, u: number): number {
  if (dist.type === 'categorical') return Math.min(dist.choices.length - 1, Math.floor(u * dist.choices.length));
  if (dist.type === 'float') {
    if (dist.log) return clip(Math.exp(lerp(Math.log(dist.low), Math.log(dist.high), u)), dist.low, dist.high);
    if (dist.step === undefined) return clip(lerp(dist.low, dist.high, u), dist.low, dist.high);
    return roundToStep(lerp(dist.low - dist.step / 2, dist.high + dist.step / 2, u), dist.low, dist.high, dist.step);
  }
  if (dist.log) return clip(Math.round(Math.exp(lerp(Math.log(dist.low - 0.5), Math.log(dist.high + 0.5), u))), dist.low, dist.high);
  return roundToStep(lerp(dist.low - dist.step / 2, dist.high + dist.step / 2, u), dist.low, dist.high, dist.step);
}

/** Rounds onto `low + k·step` and clips into [low, high]. */
export function roundToStep(x: number, low: number, high: number, step: number): number {
  const k = Math.round((x - low) / step);
  // Multiplying keeps float steps on the grid with the least error (0.1·3 rather than 0.1+0.1+0.1).
  return clip(low + k * step, low, high);
}

function lerp(a: number, b: number, u: number): number {
  return a + (b - a) * u;
}

function clip(x: number, low: number, high: number): number {
  return x < low ? low : x > high ? high : x;
}
