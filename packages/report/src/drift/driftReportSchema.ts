import { z } from 'zod';
import type { DriftReportData } from './DriftReportData';
import { reportLimits } from './limits';

const { maxBins, maxLabelLength } = reportLimits;
const label = z.string().min(1).max(maxLabelLength);
const finite = z.number().refine(Number.isFinite, 'a finite number');
const share = z.number().min(0).max(1);
const count = z.number().int().min(0);
const shares = z.array(share).max(maxBins);

// Shares of one side may leave room for nulls but never sum past 1 (rounding allowed).
const sumsToAtMostOne = (values: number[]) => values.reduce((a, b) => a + b, 0) <= 1 + 1e-6;
const sideShares = shares.refine(sumsToAtMostOne, 'shares that sum to at most 1');

const numericHistogram = z
  .strictObject({ kind: z.literal('numeric'), edges: z.array(finite).max(maxBins + 1), reference: sideShares, current: sideShares })
  .superRefine((h, ctx) => {
    const bins = h.edges.length - 1;
    if (h.edges.length === 1) ctx.addIssue({ code: 'custom', path: ['edges'], message: 'no edges (no bins) or at least 2 edges' });
    for (const side of ['reference', 'current'] as const) {
      if (h[side].length !== Math.max(bins, 0)) ctx.addIssue({ code: 'custom', path: [side], message: `${Math.max(bins, 0)} shares (one per bin: edges.length - 1)` });
    }
    const unordered = h.edges.findIndex((e, i) => i > 0 && !(e > h.edges[i - 1]!));
    if (unordered > 0) ctx.addIssue({ code: 'custom', path: ['edges', unordered], message: `a number greater than the previous edge ${h.edges[unordered - 1]}` });
  });

const categoricalHistogram = z
  .strictObject({ kind: z.literal('categorical'), categories: z.array(z.string().max(maxLabelLength)).max(maxBins), reference: sideShares, current: sideShares, otherCategories: count.optional() })
  .superRefine((h, ctx) => {
    for (const side of ['reference', 'current'] as const) {
      if (h[side].length !== h.categories.length) ctx.addIssue({ code: 'custom', path: [side], message: `${h.categories.length} shares (one per category)` });
    }
    const seen = new Set<string>();
    h.categories.forEach((c, i) => {
      if (seen.has(c)) ctx.addIssue({ code: 'custom', path: ['categories', i], message: 'a category not listed before' });
      seen.add(c);
    });
  });

const feature = z.strictObject({
  name: label,
  kind: z.enum(['numeric', 'categorical', 'binary']),
  test: label,
  statistic: finite.nullable(),
  pValue: share.nullable(),
  threshold: finite,
  drifted: z.boolean(),
  method: label.optional(),
  skipped: z.string().max(1000).optional(),
  referenceNullShare: share.optional(),
  currentNullShare: share.optional(),
  histogram: z.discriminatedUnion('kind', [numericHistogram, categoricalHistogram]),
});

const metricValue = finite.nullable().optional();

/** Features or outputs (`what`): each name once. */
const uniqueNames = (what: string) =>
  z.array(feature).superRefine((features, ctx) => {
    const seen = new Set<string>();
    features.forEach((f, i) => {
      if (seen.has(f.name)) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `${what === 'output' ? 'an' : 'a'} ${what} name not used by an earlier ${what}` });
      seen.add(f.name);
    });
  });

/** The zod schema of {@link DriftReportData}; `validateDriftReport` turns its issues into one error. */
export const driftReportSchema: z.ZodType<DriftReportData> = z.strictObject({
  title: label.optional(),
  generatedAt: label.optional(),
  summary: z.strictObject({
    model: z.strictObject({ name: label, alias: label.optional(), version: z.union([label, count]) }),
    window: z.strictObject({ start: label, end: label }),
    referenceRows: count,
    currentRows: count,
    datasetDrift: z.strictObject({ drifted: z.boolean(), share, threshold: share }),
  }),
  features: uniqueNames('feature'),
  outputs: uniqueNames('output').optional(),
  performance: z
    .strictObject({
      method: label.optional(),
      labelledRows: count.optional(),
      warning: z.string().max(1000).optional(),
      metrics: z.array(z.strictObject({ name: label, reference: metricValue, estimated: metricValue, realized: metricValue, flags: z.array(label).max(10).optional() })).max(100),
    })
    .optional(),
  alerts: z
    .array(z.strictObject({ time: label, rule: label, severity: z.enum(['info', 'warning', 'critical']).optional(), message: z.string().max(1000), feature: label.optional() }))
    .max(1000)
    .optional(),
});
