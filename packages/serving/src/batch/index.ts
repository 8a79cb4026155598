export { batchPredict, defaultChunkRows } from './batchPredict';
export type { BatchInput, BatchOutput, BatchPredictionLog, BatchPredictOptions, BatchProgress, BatchSummary } from './BatchTypes';
export { BatchInputError } from './errors';
export { parseBatchInput, parseBatchOutput } from './lib/parseBatchTarget';
export { checkpointTable } from './sinks/SqlSink';
