import { pipeline, step, type Json } from '@mlops/core';
import type { Frame } from '@mlops/frame';
import { defineSchema, validateStep } from '@mlops/validator';
import { z } from 'zod';
import { breastCancerSchema } from './lib/schema';
import { addModelStages, ingest, modelStageParams } from './train';

/**
 * A labelled data drop: the 30 measurements and the diagnosis, plus when the diagnosis was confirmed.
 * Checked before anything trains on it; a failing check (a negative area, an unknown diagnosis, a
 * missing column) stops the run and keeps the incumbent.
 */
export const dropSchema = defineSchema({
  ...breastCancerSchema,
  name: 'breast-cancer-drop',
  columns: { ...breastCancerSchema.columns, labelled_at: { dtype: 'timestamp', nullable: false } },
});

/**
 * The training set as of a cutoff: the rows whose label was known at `asOf` (all rows without one),
 * without the time column. A label confirmed later never trains a model dated before it, so a rerun
 * of a past retraining (a backfilled schedule) sees the data that run would have seen.
 */
export const pointInTime = step({
  name: 'point-in-time',
  params: z.object({ timeColumn: z.string(), asOf: z.iso.datetime().nullable() }),
  run: ({ dataset }: { dataset: Frame }, ctx) => {
    const times = dataset.column(ctx.params.timeColumn);
    if (times.dtype !== 'timestamp') throw new Error(`${ctx.params.timeColumn}: expected a timestamp column, found ${times.dtype}`);
    const cutoff = ctx.params.asOf === null ? Infinity : Date.parse(ctx.params.asOf);
    const t = times.data as Float64Array;
    const keep: number[] = [];
    for (let i = 0; i < t.length; i++) if (t[i]! <= cutoff) keep.push(i);
    const trainingSet = dataset.take(keep).drop([ctx.params.timeColumn]);
    ctx.log.info(`point in time ${ctx.params.asOf ?? '(no cutoff)'}: ${keep.length} of ${dataset.rowCount} rows labelled by then`);
    if (!keep.length) throw new Error(`no row of the drop was labelled at or before ${ctx.params.asOf}`);
    return { dataset: trainingSet, cutoff: { asOf: ctx.params.asOf, rows: keep.length, dropped: dataset.rowCount - keep.length } as Json };
  },
});

/** The drop's checks run under their own step id; the training set is checked again by `validate`. */
const validateDrop = validateStep(dropSchema, { name: 'validate-drop' });

/**
 * Retraining behind the gate, on whatever orchestrator the config provides (`mlops retrain retrain`,
 * a schedule, or the monitor's dataset-drift rule): fetch the newest labelled drop → validate it →
 * the training set as of the cutoff → the `train` pipeline's own stages (validate, split, preprocess,
 * GBDT and baseline, ONNX export, register). `register` scores the candidate AND the incumbent on the
 * same fresh held-out rows through the model runtime that serves them, and promotes only if the gate
 * passes (the alias moves, servers hot-reload); otherwise the registry alerts and keeps the incumbent,
 * the comparison on the audit trail and both model cards.
 */
export const retrain = pipeline({
  name: 'retrain',
  description: 'breast cancer retraining: fetch the labelled drop, validate it, point-in-time training set, train, compare with the champion on the same fresh holdout, promote through the gate or alert',
  params: z.object({
    /** The drop: a path in the project or an s3:// URI (with `plugins.dataLocations`). */
    data: z.string().default('data/drops/labelled.csv'),
    /** Only rows labelled at or before this ISO time train the model (null: every row). */
    asOf: z.iso.datetime().nullable().default(null),
    ...modelStageParams,
  }),
  build: (p, params) => {
    const fetched = p.add(ingest, { id: 'fetch', params: { path: params.data } });
    const checked = p.add(validateDrop, { inputs: { dataset: fetched.out.dataset } });
    const asOf = p.add(pointInTime, { inputs: { dataset: checked.out.dataset }, params: { timeColumn: 'labelled_at', asOf: params.asOf } });
    addModelStages(p, params, asOf.out.dataset, fetched.out.features);
  },
});
