/** How `simpleImputer` picks each column's fill value (scikit-learn's SimpleImputer strategies). */
export type ImputeStrategy = 'mean' | 'median' | 'most_frequent' | 'constant';

/** Every strategy, for validation. */
export const imputeStrategies: readonly ImputeStrategy[] = ['mean', 'median', 'most_frequent', 'constant'];
