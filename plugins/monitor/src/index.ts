import { monitor } from './plugin';

export { monitor };
export { PredictionLog, type PredictionLogStats, type PredictionLogDeps } from './PredictionLog';
export { monitorOptions, type MonitorUserOptions, type MonitorOptions } from './options';
export { monitorMigrations, predictionLogTable } from './migrations/0001_prediction_log';
export { logColumns } from './lib/writeRows';

/** The package's plugins; `plugins: { monitor: '@mlops/monitor' }` picks this one by its token. */
export const plugins = [monitor];
export default plugins;
export { readPredictionLog, type PredictionLogQuery } from './readPredictionLog';
export type { LoggedCall } from './lib/decodeCall';
export type { LoggedColumn, LoggedType } from './lib/encodeCall';
