import * as path from 'node:path';
import { pipeline, step, tokens, type Json, type OutputRef, type PipelineBuilder } from '@mlops/core';
import { evaluateModel, stratifiedSplit } from '@mlops/eval';
import { composeModels } from '@mlops/onnx';
import { createLogisticRegressionTrainer } from '@mlops/trainer-linear';
import { isDataUri, readCsv, type Frame } from '@mlops/frame';
import { simpleImputer, standardScaler, transformChain } from '@mlops/transforms';
import { validateStep, withPiiRedacted } from '@mlops/validator';
import { z } from 'zod';
import { breastCancerSchema, featureNames } from './lib/schema';
import { register } from './register';

/**
 * Reads the CSV into a columnar frame; the artifact records the dataset digest. Wrapped so that
 * columns the schema marks as PII (and detected e-mails, phones, cards, IPs) are redacted before
 * the frame is stored: no artifact holds them raw.
 */
export const ingest = withPiiRedacted(step({
  name: 'ingest',
  params: z.object({ path: z.string() }),
  // The CSV's content is part of the cache key: a changed file is read again, never served stale.
  reads: (p) => [p.path],
  run: async (_inputs, ctx) => {
    // A local path (relative to the project) or an s3:// URI (with `plugins.dataLocations` configured).
    const file = isDataUri(ctx.params.path) ? ctx.params.path : path.resolve(ctx.projectRoot, ctx.params.path);
    const { frame: dataset, badRows } = await readCsv(file, { onBadRow: 'skip' });
    if (badRows.length) ctx.log.warn(`skipped ${badRows.length} malformed rows`, { first: badRows.slice(0, 3) });
    ctx.log.info(`read ${dataset.rowCount} rows × ${dataset.names.length} columns from ${ctx.params.path}`);
    // Read from a file, not a feature service: the registered model records no features.
    return { dataset, features: null as Json };
  },
}), breastCancerSchema);

/**
 * Stratified, seeded train/test split. Both sets are registered as named dataset versions
 * (`mlops data ls`, `mlops data diff breast-cancer/train@v1 breast-cancer/train@v2`): the same rows
 * give the same version, and every run records the versions it trained and tested on. (Registered
 * here, after ingest's PII redaction, so no dataset version holds raw PII.)
 */
export const split = step({
  name: 'split',
  params: z.object({ label: z.string(), testFraction: z.number().gt(0).lt(1), seed: z.number().int() }),
  run: async ({ dataset }: { dataset: Frame }, ctx) => {
    const { train, test } = stratifiedSplit(dataset, ctx.params.label, { testFraction: ctx.params.testFraction, seed: ctx.params.seed });
    ctx.log.info(`train ${train.length} rows, test ${test.length} rows`);
    const sets = { train: dataset.take(train), test: dataset.take(test) };
    const versions = await Promise.all([ctx.datasets.register('breast-cancer/train', sets.train), ctx.datasets.register('breast-cancer/test', sets.test)]);
    ctx.log.info(`datasets ${versions.map((v) => `${v.name}@v${v.version}`).join(', ')}`);
    return sets;
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
  params: z.object({ label: z.string() }),
  run: ({ train, test }: { train: Frame; test: Frame }, ctx) => {
    const { fitted, output } = transformChain([simpleImputer({ strategy: 'median' }), standardScaler()], { columns: featureNames }).fitTransform(train);
    ctx.log.info(`fitted ${fitted.featureNames().length} features on ${train.rowCount} training rows`);
    // The label rides along, untouched, for training and evaluation.
    const withLabel = (features: Frame, source: Frame) => features.withColumn(ctx.params.label, source.column(ctx.params.label));
    return { trainFeatures: withLabel(output, train), testFeatures: withLabel(fitted.transform(test), test), preprocessing: fitted.toJSON(), preprocessingOnnx: fitted.toOnnx() };
  },
});

/**
 * Trains the configured trainer (the `trainer` slot: gradient-boosted trees) on the training rows and
 * evaluates it on the held-out rows with every metric together. The model is stored as plain data
 * and as ONNX.
 */
export const trainModel = step({
  name: 'train',
  params: z.object({ label: z.string(), seed: z.number().int(), trainer: z.record(z.string(), z.unknown()) }),
  uses: [tokens.trainer],
  run: async ({ train, test }: { train: Frame; test: Frame }, ctx) => {
    const trainer = ctx.resolve(tokens.trainer);
    const model = await trainer.fit(train, ctx.params.label, ctx.params.trainer, {
      seed: ctx.params.seed,
      // Per-round valid_* metrics (no early stopping unless the params ask for it): the curves the
      // tracker shows, and what `mlops tune` reports to its pruner.
      validation: test,
      onIteration: ({ iteration, metrics }) => void (iteration % 25 === 0 && ctx.log.info(`iteration ${iteration}`, metrics)),
    });
    const evaluation = evaluateModel(model, test, ctx.params.label) as unknown as Json;
    const e = evaluation as { accuracy?: number; rocAuc?: number; warnings?: string[] };
    ctx.log.info(`${trainer.kind}: test accuracy ${e.accuracy?.toFixed(4)}, ROC-AUC ${e.rocAuc?.toFixed(4)}`);
    for (const w of e.warnings ?? []) ctx.log.warn(w);
    return { model: model.toJSON(), evaluation, modelOnnx: model.toOnnx() };
  },
});

/** A logistic-regression baseline on the same rows: the boosted trees must earn their complexity. */
export const trainBaseline = step({
  name: 'train-baseline',
  params: z.object({ label: z.string(), C: z.number().positive() }),
  run: async ({ train, test }: { train: Frame; test: Frame }, ctx) => {
    const model = await createLogisticRegressionTrainer().fit(train, ctx.params.label, { C: ctx.params.C });
    const evaluation = evaluateModel(model, test, ctx.params.label) as unknown as Json;
    const e = evaluation as { accuracy?: number; rocAuc?: number };
    ctx.log.info(`${model.kind}: test accuracy ${e.accuracy?.toFixed(4)}, ROC-AUC ${e.rocAuc?.toFixed(4)}`);
    return { model: model.toJSON(), evaluation, modelOnnx: model.toOnnx() };
  },
});

type Candidate = { onnx: Uint8Array; evaluation: Json };

/**
 * Picks the model with the higher held-out ROC-AUC (a tie goes to the simpler baseline) and composes
 * it behind the fitted preprocessing: one ONNX file for serving, raw columns in, probabilities out.
 */
export const exportOnnx = step({
  name: 'export-onnx',
  // `gbdt`: take the boosted trees whatever the baseline scores (`mlops tune --register` sends a tuned GBDT).
  params: z.object({ candidate: z.enum(['best', 'gbdt']) }),
  run: (inputs: { preprocessingOnnx: Uint8Array; gbdtOnnx: Uint8Array; gbdtEvaluation: Json; baselineOnnx: Uint8Array; baselineEvaluation: Json }, ctx) => {
    const gbdt: Candidate = { onnx: inputs.gbdtOnnx, evaluation: inputs.gbdtEvaluation };
    const candidates: Record<string, Candidate> = ctx.params.candidate === 'gbdt' ? { gbdt } : { 'logistic-regression': { onnx: inputs.baselineOnnx, evaluation: inputs.baselineEvaluation }, gbdt };
    const auc = (c: Candidate) => (c.evaluation as { rocAuc?: number | null }).rocAuc ?? -Infinity;
    const [chosen, best] = Object.entries(candidates).reduce((a, b) => (auc(b[1]) > auc(a[1]) ? b : a));
    const servingOnnx = composeModels(inputs.preprocessingOnnx, best.onnx, { connect: { features: 'features' } });
    ctx.log.info(`chose ${chosen} (ROC-AUC ${auc(best).toFixed(4)}); serving model ${servingOnnx.byteLength} bytes`);
    const classes = (best.evaluation as { classes: string[] }).classes;
    return { servingOnnx, selection: { chosen, classes, rocAuc: Object.fromEntries(Object.entries(candidates).map(([k, c]) => [k, auc(c)])) } };
  },
});

/** Params the stages from validation to registration need (both pipelines of the example have them). */
export interface ModelStageParams {
  label: string;
  testFraction: number;
  seed: number;
  model: string;
  promoteTo: string;
  trainer: Record<string, unknown>;
  /** Which model export-onnx takes: the better of GBDT and baseline, or the GBDT. */
  candidate: 'best' | 'gbdt';
}

/**
 * Validate → split → preprocess → train GBDT and the baseline → export the better → register behind
 * the gate: the stages after the data is in, shared by `train` (from the CSV) and
 * `train-from-features` (from the feature store's point-in-time training set).
 */
export function addModelStages(p: PipelineBuilder, params: ModelStageParams, dataset: OutputRef<Frame>, features: OutputRef<Json>): void {
  const checked = p.add(validate, { inputs: { dataset } });
  const parts = p.add(split, { inputs: { dataset: checked.out.dataset }, params: { label: params.label, testFraction: params.testFraction, seed: params.seed } });
  const prepared = p.add(preprocess, { inputs: { train: parts.out.train, test: parts.out.test }, params: { label: params.label } });
  const trained = p.add(trainModel, { inputs: { train: prepared.out.trainFeatures, test: prepared.out.testFeatures }, params: { label: params.label, seed: params.seed, trainer: params.trainer } });
  const baseline = p.add(trainBaseline, { inputs: { train: prepared.out.trainFeatures, test: prepared.out.testFeatures }, params: { label: params.label, C: 1 } });
  const exported = p.add(exportOnnx, {
    params: { candidate: params.candidate },
    inputs: { preprocessingOnnx: prepared.out.preprocessingOnnx, gbdtOnnx: trained.out.modelOnnx, gbdtEvaluation: trained.out.evaluation, baselineOnnx: baseline.out.modelOnnx, baselineEvaluation: baseline.out.evaluation },
  });
  p.add(register, {
    // `features`: the feature service the data came from (null for a CSV), recorded on the version.
    inputs: { servingOnnx: exported.out.servingOnnx, selection: exported.out.selection, train: parts.out.train, test: parts.out.test, baseline: checked.out.baseline, features },
    params: { model: params.model, label: params.label, promoteTo: params.promoteTo, trainerParams: params.trainer },
  });
}

/** The example's training pipeline: from the CSV to a registered model behind the promotion gate. */
/** The params of the stages after the data (split, train, register): shared by `train` and `retrain`. */
export const modelStageParams = {
  label: z.string().default('diagnosis'),
  testFraction: z.number().gt(0).lt(1).default(0.2),
  seed: z.number().int().default(42),
  /** Registered model name, and the alias the promotion gate guards. */
  model: z.string().default('breast-cancer'),
  promoteTo: z.string().default('champion'),
  /** Params of the configured trainer (see its README); defaults suit this small dataset. */
  trainer: z.record(z.string(), z.unknown()).default({ nRounds: 150, learningRate: 0.05, maxDepth: 4, minSamplesLeaf: 10 }),
  /** `gbdt` registers the boosted trees even when the baseline scores as well (tuning sets it). */
  candidate: z.enum(['best', 'gbdt']).default('best'),
};

export const train = pipeline({
  name: 'train',
  description: 'breast cancer: ingest, validate, split, fit preprocessing, train GBDT and a logistic baseline, export the better as ONNX, register it and promote it through the gate',
  params: z.object({
    data: z.string().default('data/breast_cancer.csv'),
    ...modelStageParams,
  }),
  build: (p, params) => {
    const raw = p.add(ingest, { params: { path: params.data } });
    addModelStages(p, params, raw.out.dataset, raw.out.features);
  },
});
