import { numericMetrics, step, tokens, type GateDecision, type Json, type ModelFeatures, type ModelRuntime, type ModelSignature } from '@mlops/core';
import { digestFrame, type Frame } from '@mlops/frame';
import { signatureFromFrame } from '@mlops/model-registry';
import { createReferenceProfile, fitCbpe } from '@mlops/monitor';
import { z } from 'zod';
import { earlierPromotion } from './lib/earlierPromotion';
import { featureNames } from './lib/schema';
import { evaluateProbabilities, servingProbabilities } from './lib/servingModel';

/** Slices reported on the model card: small and large masses behave differently. */
const slices: Record<string, (frame: Frame, row: number) => boolean> = {
  'mean_radius < 15': (f, i) => (f.column('mean_radius').data as Float64Array)[i] < 15,
  'mean_radius >= 15': (f, i) => (f.column('mean_radius').data as Float64Array)[i] >= 15,
};

/**
 * Scores a model on the test rows through the model runtime plugin that serves it (same feeds,
 * same onnxruntime session options as `/predict`), so the gate compares what serving will answer.
 */
async function evaluationOf(runtime: ModelRuntime, onnx: Uint8Array, signature: ModelSignature, test: Frame, label: string, classes: string[]) {
  const proba = await servingProbabilities(runtime, onnx, signature, test);
  const metrics = numericMetrics(evaluateProbabilities(proba, test, label, classes));
  const perSlice: Record<string, Record<string, number>> = {};
  const k = classes.length;
  for (const [name, inSlice] of Object.entries(slices)) {
    const rows = Array.from({ length: test.rowCount }, (_, i) => i).filter((i) => inSlice(test, i));
    const sliceProba = new Float64Array(rows.length * k);
    rows.forEach((r, j) => sliceProba.set(proba.subarray(r * k, r * k + k), j * k));
    // A slice holding a single class has no ROC-AUC; numericMetrics drops the null.
    if (rows.length) perSlice[name] = { rows: rows.length, ...numericMetrics(evaluateProbabilities(sliceProba, test.take(rows), label, classes)) };
  }
  return { datasetDigest: digestFrame(test), datasetName: 'held-out test split', metrics, slices: perSlice };
}

/**
 * CBPE's calibration on the held-out rows (the serving model's probabilities against the true
 * diagnoses): the monitor estimates accuracy, F1 and ROC-AUC of served windows from it before labels arrive.
 */
async function calibrationOf(runtime: ModelRuntime, onnx: Uint8Array, signature: ModelSignature, test: Frame, label: string, classes: string[]) {
  const proba = await servingProbabilities(runtime, onnx, signature, test);
  const column = test.column(label);
  if (column.dtype !== 'category') throw new Error(`${label}: expected a category column of diagnoses, found ${column.dtype}`);
  const index = new Map(classes.map((c, i) => [c, i]));
  const codes = column.data as Int32Array;
  return fitCbpe(proba, Int32Array.from(codes, (code) => index.get(column.dictionary![code]!)!), classes);
}

/** The reference profile of a serving model on a frame, loaded by the configured runtime like serving loads it. */
async function referenceOf(runtime: ModelRuntime, onnx: Uint8Array, signature: ModelSignature, frame: Frame) {
  const loaded = await runtime.load(onnx);
  try {
    return await createReferenceProfile(loaded, signature, frame);
  } finally {
    await loaded.release();
  }
}

/**
 * Registers the serving model as a new version, re-scores the current champion on the SAME test rows
 * (so the gate compares like with like), then asks the registry to promote the candidate. A refusal
 * is an answer, not a failure: the champion stays, the registry records why and alerts.
 */
export const register = step({
  name: 'register',
  // A side effect: every run registers its candidate, even when nothing upstream changed.
  cache: false,
  uses: [tokens.modelRegistry, tokens.artifactStore, tokens.modelRuntime],
  params: z.object({ model: z.string(), label: z.string(), promoteTo: z.string(), trainerParams: z.record(z.string(), z.unknown()) }),
  run: async (inputs: { servingOnnx: Uint8Array; selection: Json; train: Frame; test: Frame; baseline: Json; features: Json }, ctx) => {
    const registry = ctx.resolve(tokens.modelRegistry);
    const store = ctx.resolve(tokens.artifactStore);
    const runtime = ctx.resolve(tokens.modelRuntime);
    const { label, model: name } = ctx.params;
    const selection = inputs.selection as { chosen: string; classes: string[] };
    const classes = selection.classes;

    // Content-addressed: putting the same bytes returns the digest the pipeline already stored.
    const onnx = await store.put(inputs.servingOnnx);
    const baseline = await store.put(new TextEncoder().encode(JSON.stringify(inputs.baseline)));
    const signature = signatureFromFrame(inputs.test, { features: featureNames, task: classes.length === 2 ? 'binary' : 'multiclass', classes });
    const evaluation = await evaluationOf(runtime, inputs.servingOnnx, signature, inputs.test, label, classes);
    // The monitor compares served traffic with this: the training rows fed as /predict feeds them,
    // and the serving model's outputs on them (histograms, quantiles, null rates per column).
    const reference = await store.put(new TextEncoder().encode(JSON.stringify(await referenceOf(runtime, inputs.servingOnnx, signature, inputs.train))));
    const cbpe = await store.put(new TextEncoder().encode(JSON.stringify(await calibrationOf(runtime, inputs.servingOnnx, signature, inputs.test, label, classes))));
    const version = await registry.register({
      name,
      runId: ctx.runId,
      artifacts: { onnx: onnx.digest, baseline: baseline.digest, reference: reference.digest, cbpe: cbpe.digest },
      signature,
      evaluation,
      // From the feature store: the server derives its online lookup from this and checks it at load.
      features: inputs.features as ModelFeatures | null,
      datasets: [
        { name: 'training split', digest: digestFrame(inputs.train), role: 'input', rows: inputs.train.rowCount },
        { name: 'held-out test split', digest: evaluation.datasetDigest, role: 'input', rows: inputs.test.rowCount },
      ],
      training: { kind: selection.chosen, params: (selection.chosen === 'gbdt' ? ctx.params.trainerParams : { C: 1 }) as Json },
      description: `breast cancer diagnosis (${selection.chosen}), raw measurements in, class probabilities out`,
    }, { reason: `registered by pipeline run ${ctx.runId}` });
    ctx.log.info(`${version.created ? 'registered' : 'already registered (same artifacts and signature):'} ${name} v${version.version} (ROC-AUC ${evaluation.metrics.rocAuc?.toFixed(4)})`);

    const incumbent = await registry.getVersion(name, ctx.params.promoteTo);
    if (incumbent && !incumbent.evaluations.some((e) => e.datasetDigest === evaluation.datasetDigest)) {
      const incumbentOnnx = await store.get(incumbent.artifacts.onnx);
      await registry.addEvaluation(name, incumbent.version, await evaluationOf(runtime, incumbentOnnx, incumbent.signature, inputs.test, label, incumbent.signature.classes ?? classes), { reason: `re-scored on the test rows of run ${ctx.runId} to compare with v${version.version}` });
    }
    const reason = `candidate from pipeline run ${ctx.runId}`;
    // A retried step (same run, same artifacts, so the same version) reuses the verdict it already got.
    const earlier = version.created ? undefined : await earlierPromotion(registry, name, version.version, reason);
    const result = earlier ?? (await registry.promote(name, version.version, { to: ctx.params.promoteTo, reason }));
    const d: GateDecision = result.decision;
    const vs = d.incumbentVersion === null ? 'no incumbent' : `v${d.incumbentVersion} ${d.incumbent?.toFixed(4)}`;
    if (result.promoted) ctx.log.info(`promoted v${version.version} to @${ctx.params.promoteTo}: ${d.metric} ${d.candidate?.toFixed(4)} vs ${vs}`);
    else ctx.log.warn(`kept the @${ctx.params.promoteTo}: v${version.version} ${d.metric} ${d.candidate?.toFixed(4)} vs ${vs} — ${d.reasons.join('; ')}`);
    await ctx.track.tags({ 'registry.model': name, 'registry.version': String(version.version), 'registry.promoted': String(result.promoted) });
    return { registration: { model: name, version: version.version, promoted: result.promoted, decision: d as unknown as Json } };
  },
});
