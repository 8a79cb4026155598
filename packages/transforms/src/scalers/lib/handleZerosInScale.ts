/**
 * scikit-learn's `_handle_zeros_in_scale`: a scale too small to divide by (below 10 machine
 * epsilons, or flagged constant by the caller) becomes 1, so constant features map to 0.
 */
export function handleZerosInScale(scale: number, constant?: boolean): number {
  const isConstant = constant ?? scale < 10 * Number.EPSILON;
  return isConstant ? 1 : scale;
}
