/**
 * The share below which a class counts as a minority: 20%, or less when there are so many classes
 * that a balanced share is itself small (80% of 1/C), so ten balanced classes raise no warning.
 */
export function minorityThreshold(nClasses: number): number {
  return Math.min(0.2, 0.8 / nClasses);
}

/** One warning per minority class, naming it and its share, and saying which metrics to read instead. */
export function imbalanceWarnings(counts: readonly number[], classes: readonly string[]): string[] {
  const n = counts.reduce((s, c) => s + c, 0);
  const threshold = minorityThreshold(classes.length);
  const warnings: string[] = [];
  counts.forEach((count, c) => {
    const share = count / n;
    if (count > 0 && share < threshold) {
      warnings.push(
        `imbalanced classes: ${JSON.stringify(classes[c])} is ${(share * 100).toFixed(1)}% of rows (${count} of ${n}, ` +
          `under ${(threshold * 100).toFixed(0)}%); accuracy alone is misleading, read macro F1, its recall and average precision`,
      );
    }
  });
  return warnings;
}
