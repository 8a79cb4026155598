export { batchPredict, defaultChunkRows } from './batchPredict';
export type { BatchInput, BatchOutput, BatchPredictOptions, BatchProgress, BatchSummary } from './BatchTypes';
export { BatchInputError } from './errors';
export { parseBatchInput, parseBatchOutput } from './lib/parseBatchTarget';
export { checkpointTable } from './sinks/SqlSink';
