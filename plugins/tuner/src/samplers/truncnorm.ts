import { logNormMass, logSqrt2Pi, normCdf, normMass, normPpf, normSf } from './normal';

/**
 * Quantile q of the standard normal truncated to [a, b]. The lower tail is inverted when the
 * quantile lies below the median and the upper tail otherwise, so neither side loses precision.
 */
export function truncnormPpf(q: number, a: number, b: number): number {
  if (a > 0) return -truncnormPpf(1 - q, -b, -a);
  const mass = normMass(a, b);
  const p = normCdf(a) + q * mass;
  const x = p < 0.5 ? normPpf(p) : -normPpf(normSf(b) + (1 - q) * mass);
  return x < a ? a : x > b ? b : x;
}

/** A draw from N(mu, sigma²) truncated to [low, high], from a uniform draw u in [0, 1). */
export function truncnormSample(u: number, mu: number, sigma: number, low: number, high: number): number {
  return mu + sigma * truncnormPpf(u, (low - mu) / sigma, (high - mu) / sigma);
}

/**
 * log density at x of N(mu, sigma²) truncated to [low, high]. Includes −log σ: Optuna 3.1 leaves it
 * out (optuna/optuna#5109, fixed upstream in #5110), which understates narrow kernels.
 */
export function truncnormLogPdf(x: number, mu: number, sigma: number, low: number, high: number): number {
  if (x < low || x > high) return -Infinity;
  const z = (x - mu) / sigma;
  return -0.5 * z * z - logSqrt2Pi - Math.log(sigma) - logNormMass((low - mu) / sigma, (high - mu) / sigma);
}

/** log probability that N(mu, sigma²) truncated to [low, high] falls in [lo, hi] (a step's bin). */
export function truncnormLogBinMass(lo: number, hi: number, mu: number, sigma: number, low: number, high: number): number {
  return logNormMass((Math.max(lo, low) - mu) / sigma, (Math.min(hi, high) - mu) / sigma) - logNormMass((low - mu) / sigma, (high - mu) / sigma);
}
