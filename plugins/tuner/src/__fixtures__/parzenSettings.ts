import type { ParzenSettings } from '../samplers/parzenEstimator';

/** Multivariate Parzen settings with neighbour bandwidths and equal weights, for estimator-level tests. */
export const neighbourSettings: ParzenSettings = {
  considerPrior: true,
  priorWeight: 1,
  considerMagicClip: true,
  considerEndpoints: false,
  weights: (n) => new Array<number>(n).fill(1),
  multivariate: true,
  multivariateBandwidth: 'neighbour',
  normalizeKernels: false,
};
