/** All user-facing wording of this package, in one place. */
export const messages = {
  fraction: (name: string, value: unknown) => `${name}: expected a number strictly between 0 and 1, received ${String(value)}`,
  integerAtLeast: (name: string, min: number, value: unknown) =>
    `${name}: expected an integer ≥ ${min}, received ${String(value)}`,
  lengths: (a: string, la: number, b: string, lb: number) =>
    `${a} has ${la} values but ${b} has ${lb}: expected one per row`,
  empty: (metric: string) => `${metric}: expected at least one row, received none`,
  classIndex: (name: string, i: number, value: number, nClasses: number) =>
    `${name}[${i}]: expected a class index in [0, ${nClasses - 1}], received ${value}`,
  notFinite: (name: string, i: number, value: number) => `${name}[${i}]: expected a finite number, received ${value}`,
  oneClass: (metric: string, present: number) =>
    `${metric} is undefined when yTrue holds only class ${present}: it needs both positives and negatives`,
  noPositives: (metric: string) => `${metric} is undefined when yTrue holds no positive (class 1) row`,
  foldCount: (k: number, n: number) => `k: expected 2 ≤ k ≤ ${n} (the number of rows), received ${k}`,
  classTooSmall: (k: number, cls: number, count: number) =>
    `k: every class needs at least ${k} rows for ${k} stratified folds, class ${cls} has ${count}`,
  timeNulls: (column: string, count: number) =>
    `${column}: a time split needs every row's time, but ${count} value(s) are null or NaN`,
  timeDType: (column: string, dtype: string) =>
    `${column}: a time split needs a timestamp, float64 or int32 column, received a ${dtype} column`,
  splitOptions: () => 'timeSplit: expected { testFraction } or { cutoff }, received neither',
  labelNulls: (column: string, count: number) =>
    `${column}: ${count} target value(s) are null; drop or fill them before evaluating`,
  unknownLabel: (column: string, label: string, classes: readonly string[]) =>
    `${column}: label ${JSON.stringify(label)} is not one of the model's classes [${classes.map((c) => JSON.stringify(c)).join(', ')}]`,
  labelDType: (column: string, dtype: string, expected: string) =>
    `${column}: expected a ${expected} target column, received a ${dtype} column`,
  noClasses: () => 'model.classes is missing: a classifier must list its classes',
  probaShape: (length: number, rows: number, nClasses: number) =>
    `proba: expected rows × classes = ${rows} × ${nClasses} = ${rows * nClasses} values, received ${length}`,
};
