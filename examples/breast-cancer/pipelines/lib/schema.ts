import { defineSchema, type ColumnDefinition } from '@mlops/validator';

const measures = ['radius', 'texture', 'perimeter', 'area', 'smoothness', 'compactness', 'concavity', 'concave_points', 'symmetry', 'fractal_dimension'];

/** The 30 numeric features: mean, standard error and worst value of ten nucleus measurements. */
export const featureNames: string[] = ['mean', 'error', 'worst'].flatMap((kind) => measures.map((m) => (kind === 'error' ? `${m}_error` : `${kind}_${m}`)));

// Every measurement is a length, area or ratio: negative values are data errors. Extreme values are
// real tumours, so outliers are reported (IQR, k = 3) but kept; a missing value would be filled with
// the training median.
const feature: ColumnDefinition = {
  dtype: 'float64',
  range: { min: 0 },
  missing: { strategy: 'median' },
  outliers: { method: 'iqr', k: 3, severity: 'warn' },
};

/** What the breast cancer CSV must look like before anything trains on it. */
export const breastCancerSchema = defineSchema({
  name: 'breast-cancer',
  columns: {
    ...Object.fromEntries(featureNames.map((name) => [name, feature])),
    diagnosis: { dtype: 'category', allowed: ['malignant', 'benign'] },
  },
  duplicates: { policy: 'fail' },
});
