const piSquared = Math.PI ** 2;
const piFour = Math.PI ** 4;
const piSix = Math.PI ** 6;
const sqrt2Pi = Math.sqrt(2 * Math.PI);
const sqrt3 = Math.sqrt(3);

/**
 * Pelz–Good (1976) approximation of P(D_n ≤ x): the Li-Chien/Korolyuk expansion
 * K0(z) + K1(z)/√n + K2(z)/n + K3(z)/n^1.5 with z = x√n, each Kᵢ rewritten through Jacobi theta
 * identities into sums over odd m of polynomials times q^{m²}, q = exp(−π²/(8z²)). Simard and
 * L'Ecuyer (2011) use it for large n where the exact methods are too slow; so does SciPy, and we
 * use it in the same region so that p-values agree.
 */
export function pelzGoodCdf(n: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const z = Math.sqrt(n) * x;
  const z2 = z * z;
  const z4 = z2 * z2;
  const z6 = z4 * z2;
  const logQ = -piSquared / 8 / z2;
  if (logQ < -708) return 0;
  const q = Math.exp(logQ);
  // Polynomial coefficients (in m², m⁴, m⁶) of the odd-m sums for K1..K3.
  const k1 = [-z2, piSquared / 4];
  const k2 = [6 * z6 + 2 * z4, ((2 * z4 - 5 * z2) * piSquared) / 4, (piFour * (1 - 2 * z2)) / 16];
  const k3 = [-30 * z6 - 90 * z4 * z4, (piSquared * (135 * z4 - 96 * z6)) / 4, (piFour * (-60 * z2 + 212 * z4)) / 16, (piSix * (5 - 30 * z2)) / 64];
  const maxK = Math.ceil((16 * z) / Math.PI);
  // Σ_{k=1..maxK} c(2k−1) q^{(2k−1)²} evaluated Horner-style from the largest k: the ratio of
  // consecutive powers is q^{8k}.
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let k = maxK; k >= 1; k--) {
    const m2 = (2 * k - 1) ** 2;
    const qk = q ** (8 * k);
    s0 = s0 * qk + 1;
    s1 = s1 * qk + k1[0] + k1[1] * m2;
    s2 = s2 * qk + k2[0] + k2[1] * m2 + k2[2] * m2 * m2;
    s3 = s3 * qk + k3[0] + k3[1] * m2 + k3[2] * m2 * m2 + k3[3] * m2 * m2 * m2;
  }
  const scale = q * sqrt2Pi;
  const K0 = (s0 * scale) / z;
  const K1 = (s1 * scale) / (6 * z4);
  let K2 = (s2 * scale) / (72 * z ** 7);
  let K3 = (s3 * scale) / (6480 * z ** 10);
  // The terms over all integers k with r = exp(−π²/(2z²)): K2 gets −π²√(2π)/(36z³)·Σk² r^{k²},
  // K3 gets π²√(2π)/(216z⁶)·Σ(3z² − π²k²)k² r^{k²}.
  const r = Math.exp(-piSquared / 2 / z2);
  let sum2 = 0;
  let sum3 = 0;
  for (let k = maxK; k >= 1; k--) {
    const k2s = k * k;
    const rk = r ** k2s;
    sum2 += k2s * rk;
    sum3 += (sqrt3 * z + Math.PI * k) * (sqrt3 * z - Math.PI * k) * k2s * rk;
  }
  K2 += (sum2 * piSquared * sqrt2Pi) / (-36 * z2 * z);
  K3 += (sum3 * piSquared * sqrt2Pi) / (216 * z6);
  return K0 + K1 / Math.sqrt(n) + K2 / n + K3 / n ** 1.5;
}
