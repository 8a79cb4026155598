import * as path from 'node:path';
import { pipeline, step } from '@mlops/core';
import { readCsv, type Frame } from '@mlops/frame';
import { simpleImputer, standardScaler, transformChain } from '@mlops/transforms';
import { validateStep } from '@mlops/validator';
import { z } from 'zod';
import { breastCancerSchema, featureNames } from './lib/schema';
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

/** Schema checks, median fills, outlier report, baseline profile and an HTML report (`mlops report`). */
export const validate = validateStep(breastCancerSchema);

/**
 * Fits the preprocessing on the training rows only (median imputer, then standard scaler) and applies
 * the same fitted chain to the test rows. The chain is stored as plain data and as an ONNX graph, so
 * serving applies exactly what training fitted.
 */
export const preprocess = step({
  name: 'preprocess',
  run: ({ train, test }: { train: Frame; test: Frame }, ctx) => {
    const { fitted, output } = transformChain([simpleImputer({ strategy: 'median' }), standardScaler()], { columns: featureNames }).fitTransform(train);
    ctx.log.info(`fitted ${fitted.featureNames().length} features on ${train.rowCount} training rows`);
    return { trainFeatures: output, testFeatures: fitted.transform(test), preprocessing: fitted.toJSON(), preprocessingOnnx: fitted.toOnnx() };
  },
});

/** The example's training pipeline; it grows as the trainers, registry and server land. */
export const train = pipeline({
  name: 'train',
  description: 'breast cancer: ingest, validate, split, fit preprocessing',
  params: z.object({
    data: z.string().default('data/breast_cancer.csv'),
    label: z.string().default('diagnosis'),
    testFraction: z.number().gt(0).lt(1).default(0.2),
    seed: z.number().int().default(42),
  }),
  build: (p, params) => {
    const raw = p.add(ingest, { params: { path: params.data } });
    const checked = p.add(validate, { inputs: { dataset: raw.out.dataset } });
    const parts = p.add(split, { inputs: { dataset: checked.out.dataset }, params: { label: params.label, testFraction: params.testFraction, seed: params.seed } });
    p.add(preprocess, { inputs: { train: parts.out.train, test: parts.out.test } });
  },
});
