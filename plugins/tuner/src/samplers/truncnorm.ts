import { normCdf, normMass, normPpf, normSf } from './normal';

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
