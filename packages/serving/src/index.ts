export { ServingError, servingErrorStatus, type ServingErrorBody, type ServingErrorCode } from './ServingError';
export type { EntityKey, FeatureRow, FeatureValue, Prediction, PredictRequest, PredictResponse } from './PredictRequest';
export { createRequestSchema, type RequestSchema, type RequestSchemaOptions } from './createRequestSchema';
export { parsePredictRequest } from './parsePredictRequest';
export { rowsToFeeds } from './rowsToFeeds';
export * from './feeds';
export { scoreFrame, type FrameScores } from './scoreFrame';
export { outputLayout, toPredictions, type OutputLayout } from './toPredictions';
export * from './batch';
