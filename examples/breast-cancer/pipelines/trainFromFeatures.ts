import * as path from 'node:path';
import { pipeline, step, tokens, type Json, type ModelFeatures } from '@mlops/core';
import { readCsv } from '@mlops/frame';
import { z } from 'zod';
import { featureNames } from './lib/schema';
import { addModelStages } from './train';

/**
 * The training set from the feature store: for each diagnosis, the patient's latest measurement
 * at or before the diagnosis time (never the follow-up measured after it), within the view's TTL.
 */
export const trainingSet = step({
  name: 'training-set',
  params: z.object({ labels: z.string(), service: z.string(), label: z.string() }),
  uses: [tokens.featureStore],
  reads: (p) => [p.labels, 'data/patients/measurements.csv'],
  run: async (_inputs, ctx) => {
    const { frame: diagnoses } = await readCsv(path.resolve(ctx.projectRoot, ctx.params.labels));
    const store = ctx.resolve(tokens.featureStore);
    // The model records the applied definitions it was trained with, so code must equal them.
    const plan = await store.plan();
    if (plan.changes.length) throw new Error(`the feature definitions in code differ from the applied version ${plan.currentVersion ?? '(none)'} (${plan.changes.map((c) => `${c.action} ${c.name}`).join(', ')}); run mlops features apply first`);
    const described = await store.describeService(ctx.params.service);
    const joined = await store.getHistoricalFeatures(diagnoses, ctx.params.service, { timestampColumn: 'diagnosed_at' });
    ctx.log.info(`point-in-time training set: ${joined.rowCount} rows × ${joined.names.length} columns from service ${ctx.params.service}`);
    // Keys and times stay in `trainingSet` for lineage; the model sees measurements and the label.
    const features: ModelFeatures = { service: described.service, definitionsVersion: described.version, definitionsDigest: described.digest, entityKeys: described.entityKeys };
    return { trainingSet: joined, dataset: joined.select([...featureNames, ctx.params.label]), features: features as unknown as Json };
  },
});

/** The same training as `train`, but from point-in-time features of patients, served by patient id. */
export const trainFromFeatures = pipeline({
  name: 'train-from-features',
  description: 'breast cancer by patient: point-in-time training set from the feature store, then validate, split, train, export, register behind the gate',
  params: z.object({
    labels: z.string().default('data/patients/diagnoses.csv'),
    service: z.string().default('diagnosis_model'),
    label: z.string().default('diagnosis'),
    testFraction: z.number().gt(0).lt(1).default(0.2),
    seed: z.number().int().default(42),
    model: z.string().default('breast-cancer-by-patient'),
    promoteTo: z.string().default('champion'),
    trainer: z.record(z.string(), z.unknown()).default({ nRounds: 150, learningRate: 0.05, maxDepth: 4, minSamplesLeaf: 10 }),
    candidate: z.enum(['best', 'gbdt']).default('best'),
  }),
  build: (p, params) => {
    const set = p.add(trainingSet, { params: { labels: params.labels, service: params.service, label: params.label } });
    addModelStages(p, params, set.out.dataset, set.out.features);
  },
});
