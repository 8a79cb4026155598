/**
 * Bounds that keep a report small whatever the data: at most this many bins per numeric feature and
 * categories (with `other`) per categorical one, and this many characters per name or label.
 */
export const reportLimits = { maxBins: 50, maxLabelLength: 200 } as const;
