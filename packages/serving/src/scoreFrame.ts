import type { LoadedModel, ModelSignature } from '@mlops/core';
import { frameSource, type FeedSource } from './feeds/FeedSource';
import { feedSpecs } from './feeds/FeedSpec';
import { toFeeds } from './feeds/toFeeds';
import { outputLayout } from './toPredictions';

/** A model's answers for every row of a frame: `[n × classes]` probabilities (classifiers) or values (regressors). */
export interface FrameScores {
  rows: number;
  probabilities?: Float64Array;
  values?: Float64Array;
}

type FrameLike = Parameters<typeof frameSource>[0];

/**
 * Scores a frame with a model loaded by the model runtime plugin, through the same feed
 * conversion and output layout as `/predict` and batch inference: what evaluation and the promotion
 * gate compare is exactly what serving answers.
 */
export async function scoreFrame(model: LoadedModel, signature: ModelSignature, frame: FrameLike | FeedSource): Promise<FrameScores> {
  const source = 'has' in frame ? frameSource(frame) : frame;
  const outputs = await model.run(toFeeds(source, feedSpecs(signature, model.inputs)));
  const layout = outputLayout(signature, model.outputs);
  const name = layout.task === 'regression' ? layout.value : layout.probabilities;
  const data = outputs[name ?? '']?.data;
  if (!data || Array.isArray(data)) throw new Error(`the model has no numeric output "${name}"`);
  const scores = Float64Array.from(data as ArrayLike<number>);
  return layout.task === 'regression' ? { rows: source.rowCount, values: scores } : { rows: source.rowCount, probabilities: scores };
}
