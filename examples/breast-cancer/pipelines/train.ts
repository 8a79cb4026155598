import * as path from 'node:path';
import { pipeline, step } from '@mlops/core';
import { columnValue, nullCount, readCsv, type Frame } from '@mlops/frame';
import { z } from 'zod';
import { stratifiedSplit } from './lib/stratifiedSplit';

/** Reads the CSV into a columnar frame; the artifact records the dataset digest. */
export const ingest = step({
  name: 'ingest',
  params: z.object({ path: z.string() }),
  run: async (_inputs, ctx) => {
    const file = path.resolve(ctx.projectRoot, ctx.params.path);
    const { frame: dataset, badRows } = await readCsv(file, { onBadRow: 'skip' });
    if (badRows.length) ctx.log.warn(`skipped ${badRows.length} malformed rows`, { first: badRows.slice(0, 3) });
    ctx.log.info(`read ${dataset.rowCount} rows × ${dataset.names.length} columns from ${ctx.params.path}`);
    return { dataset };
  },
});

/** Per-column counts, nulls, mean, min and max, plus the class balance of the label. */
export const summarize = step({
  name: 'summarize',
  params: z.object({ label: z.string() }),
  run: ({ dataset }: { dataset: Frame }, ctx) => {
    const columns: Record<string, { dtype: string; nulls: number; mean?: number; min?: number; max?: number }> = {};
    for (const name of dataset.names) {
      const col = dataset.column(name);
      const entry: (typeof columns)[string] = { dtype: col.dtype, nulls: nullCount(col) };
      if (col.dtype === 'float64' || col.dtype === 'int32') {
        let sum = 0, n = 0, min = Infinity, max = -Infinity;
        for (let i = 0; i < dataset.rowCount; i++) {
          const v = col.data[i];
          if (col.nulls?.[i] || Number.isNaN(v)) continue;
          sum += v; n++;
          if (v < min) min = v;
          if (v > max) max = v;
        }
        Object.assign(entry, { mean: n ? sum / n : null, min: n ? min : null, max: n ? max : null });
      }
      columns[name] = entry;
    }
    const classes: Record<string, number> = {};
    const label = dataset.column(ctx.params.label);
    for (let i = 0; i < dataset.rowCount; i++) {
      const key = String(columnValue(label, i));
      classes[key] = (classes[key] ?? 0) + 1;
    }
    ctx.log.info(`class balance ${JSON.stringify(classes)}`);
    return { summary: { rows: dataset.rowCount, columns, classes } };
  },
});

/** Stratified, seeded train/test split. */
export const split = step({
  name: 'split',
  params: z.object({ label: z.string(), testFraction: z.number().gt(0).lt(1), seed: z.number().int() }),
  run: ({ dataset }: { dataset: Frame }, ctx) => {
    const { train, test } = stratifiedSplit(dataset, ctx.params.label, ctx.params.testFraction, ctx.params.seed);
    ctx.log.info(`train ${train.length} rows, test ${test.length} rows`);
    return { train: dataset.take(train), test: dataset.take(test) };
  },
});

/** The example's training pipeline; it grows as the trainers, registry and server land. */
export const train = pipeline({
  name: 'train',
  description: 'breast cancer: ingest, summarize, split',
  params: z.object({
    data: z.string().default('data/breast_cancer.csv'),
    label: z.string().default('diagnosis'),
    testFraction: z.number().gt(0).lt(1).default(0.2),
    seed: z.number().int().default(42),
  }),
  build: (p, params) => {
    const raw = p.add(ingest, { params: { path: params.data } });
    p.add(summarize, { inputs: { dataset: raw.out.dataset }, params: { label: params.label } });
    p.add(split, { inputs: { dataset: raw.out.dataset }, params: { label: params.label, testFraction: params.testFraction, seed: params.seed } });
  },
});
