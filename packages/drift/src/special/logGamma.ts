// Lanczos approximation (g = 7, 9 terms): relative error below 1e-15 for x > 0, enough for the
// prefactor of the incomplete gamma function.
const g = 7;
const coefficients = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const halfLog2Pi = 0.5 * Math.log(2 * Math.PI);

/** log Γ(x) for x > 0. */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = coefficients[0];
  const t = z + g + 0.5;
  for (let i = 1; i < g + 2; i++) a += coefficients[i] / (z + i);
  return halfLog2Pi + (z + 0.5) * Math.log(t) - t + Math.log(a);
}
