import type { DenseLayer } from '../TfjsModelData';

/**
 * Glorot-uniform weights and zero biases for layer widths `sizes` (inputs first), drawn from our
 * seeded generator rather than tfjs initializers, so the start is the same on every backend.
 */
export function initLayers(sizes: readonly number[], rng: () => number): DenseLayer[] {
  const layers: DenseLayer[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const fanIn = sizes[l]!;
    const fanOut = sizes[l + 1]!;
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    const weights = Array.from({ length: fanIn }, () => Array.from({ length: fanOut }, () => (2 * rng() - 1) * limit));
    layers.push({ weights, bias: new Array<number>(fanOut).fill(0) });
  }
  return layers;
}
