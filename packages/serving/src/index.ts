export { ServingError, servingErrorStatus, type ServingErrorBody, type ServingErrorCode } from './ServingError';
export type { EntityKey, FeatureRow, FeatureValue, Prediction, PredictRequest, PredictResponse } from './PredictRequest';
export { createRequestSchema, type RequestSchema, type RequestSchemaOptions } from './createRequestSchema';
export { parsePredictRequest } from './parsePredictRequest';
export { feedSpecs, rowsToFeeds, type FeedSpec } from './rowsToFeeds';
export { outputLayout, toPredictions, type OutputLayout } from './toPredictions';
export * from './batch';
