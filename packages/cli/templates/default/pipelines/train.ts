import * as path from 'node:path';
import { numericMetrics, pipeline, step, tokens, type Json } from '@mlops/core';
import { evaluateModel, stratifiedSplit } from '@mlops/eval';
import { digestFrame, readCsv, type Frame } from '@mlops/frame';
import { signatureFromFrame } from '@mlops/model-registry';
import { composeModels } from '@mlops/onnx';
import { createLogisticRegressionTrainer } from '@mlops/trainer-linear';
import { standardScaler, transformChain } from '@mlops/transforms';
import { z } from 'zod';

/** Reads the CSV into a columnar frame; its content is part of the cache key. */
export const ingest = step({
  name: 'ingest',
  params: z.object({ path: z.string() }),
  reads: (p) => [p.path],
  run: async (_inputs, ctx) => {
    const { frame: dataset } = await readCsv(path.resolve(ctx.projectRoot, ctx.params.path));
    ctx.log.info(`read ${dataset.rowCount} rows × ${dataset.names.length} columns`);
    return { dataset };
  },
});

/** Stratified, seeded train/test split. */
export const split = step({
  name: 'split',
  params: z.object({ label: z.string(), testFraction: z.number().gt(0).lt(1), seed: z.number().int() }),
  run: ({ dataset }: { dataset: Frame }, ctx) => {
    const { train, test } = stratifiedSplit(dataset, ctx.params.label, { testFraction: ctx.params.testFraction, seed: ctx.params.seed });
    return { train: dataset.take(train), test: dataset.take(test) };
  },
});

/**
 * Fits a standard scaler and a logistic regression on the training rows, scores the held-out rows,
 * and exports both as one ONNX graph: raw columns in, class probabilities out (what `mlops serve` runs).
 */
export const fit = step({
  name: 'fit',
  params: z.object({ label: z.string(), C: z.number().positive() }),
  run: async ({ train, test }: { train: Frame; test: Frame }, ctx) => {
    const features = train.names.filter((n) => n !== ctx.params.label);
    const { fitted, output } = transformChain([standardScaler()], { columns: features }).fitTransform(train);
    const withLabel = (f: Frame, source: Frame) => f.withColumn(ctx.params.label, source.column(ctx.params.label));
    const model = await createLogisticRegressionTrainer().fit(withLabel(output, train), ctx.params.label, { C: ctx.params.C });
    const evaluation = evaluateModel(model, withLabel(fitted.transform(test), test), ctx.params.label);
    ctx.log.info(`held-out accuracy ${'accuracy' in evaluation ? evaluation.accuracy.toFixed(4) : '-'}`);
    const servingOnnx = composeModels(fitted.toOnnx(), model.toOnnx(), { connect: { features: 'features' } });
    return { servingOnnx, evaluation: evaluation as unknown as Json, features };
  },
});

/** Registers the model and promotes it to @champion through the registry's gate (see mlops.config.ts). */
export const register = step({
  name: 'register',
  cache: false, // a side effect: every run asks the registry
  uses: [tokens.modelRegistry, tokens.artifactStore],
  params: z.object({ model: z.string() }),
  run: async (inputs: { servingOnnx: Uint8Array; evaluation: Json; features: string[]; test: Frame }, ctx) => {
    const registry = ctx.resolve(tokens.modelRegistry);
    const onnx = await ctx.resolve(tokens.artifactStore).put(inputs.servingOnnx);
    const { classes } = inputs.evaluation as { classes: string[] };
    const version = await registry.register({
      name: ctx.params.model,
      runId: ctx.runId,
      artifacts: { onnx: onnx.digest },
      signature: signatureFromFrame(inputs.test, { features: inputs.features, task: classes.length === 2 ? 'binary' : 'multiclass', classes }),
      evaluation: { datasetName: 'held-out test split', datasetDigest: digestFrame(inputs.test), metrics: numericMetrics(inputs.evaluation) },
    });
    const { promoted, decision } = await registry.promote(ctx.params.model, version.version, { to: 'champion', reason: `run ${ctx.runId}` });
    ctx.log.info(`${ctx.params.model} v${version.version}: ${promoted ? 'now @champion' : `not promoted (${decision.reasons.join('; ')})`}`);
    return { registration: { model: ctx.params.model, version: version.version, promoted } };
  },
});

export const train = pipeline({
  name: 'train',
  description: 'iris: read the CSV, split, fit scaler + logistic regression, register and promote to @champion',
  params: z.object({
    data: z.string().default('data/iris.csv'),
    label: z.string().default('species'),
    testFraction: z.number().gt(0).lt(1).default(0.25),
    seed: z.number().int().default(42),
    C: z.number().positive().default(1),
    model: z.string().default('__PROJECT__'),
  }),
  build: (p, params) => {
    const raw = p.add(ingest, { params: { path: params.data } });
    const parts = p.add(split, { inputs: { dataset: raw.out.dataset }, params: { label: params.label, testFraction: params.testFraction, seed: params.seed } });
    const fitted = p.add(fit, { inputs: { train: parts.out.train, test: parts.out.test }, params: { label: params.label, C: params.C } });
    p.add(register, { inputs: { servingOnnx: fitted.out.servingOnnx, evaluation: fitted.out.evaluation, features: fitted.out.features, test: parts.out.test }, params: { model: params.model } });
  },
});
