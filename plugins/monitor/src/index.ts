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
export { MonitorService, type MonitorServiceDeps, type RetrainJob } from './MonitorService';
export { createReferenceProfile } from './profiles/referenceProfile';
export { ReferenceProfiles, referenceArtifactKey, type LoadedReference } from './profiles/loadReference';
export { profileTensors, profileColumnName, isOutputColumn, outputPrefix } from './profiles/profileTensors';
export { WindowProfiles, type WindowProfileOptions } from './profiles/WindowProfiles';
export { windowDrift, type WindowDrift } from './drift/windowDrift';
export { alertRule, defaultAlertRules, driftSettings, type AlertRule, type DriftSettings } from './alerts/alertRules';
export { applyRules, type AlertCandidate } from './alerts/applyRules';
export { buildWindowReport, type WindowReport, type WindowReportColumn } from './report/buildWindowReport';
export { windowProfilesTable, alertsTable, retrainRequestsTable } from './migrations/0002_monitor_profiles';
export { FeedbackStore } from './feedback/FeedbackStore';
export { feedbackMigrations, feedbackNamespace, feedbackTable } from './feedback/feedbackMigrations';
export type { WithFeedback } from './feedback/withFeedback';
export { windowPerformance, type WindowPerformance, type WindowPerformanceOptions, type PerformanceFlag } from './performance/windowPerformance';
export type { WindowQuery } from './performance/readLabelledWindow';
export { fitCbpe, calibrate, expectedMetrics, type CbpeCalibration, type EstimatedMetrics } from './performance/cbpe';
export { fitCbpeFromLog } from './performance/fitCbpeFromLog';
export { classificationMetrics, type ClassificationMetrics } from './performance/classificationMetrics';
export { regressionMetrics, type RegressionMetrics } from './performance/regressionMetrics';
export { brierScore, binaryBrierScore, expectedCalibrationError } from './performance/calibration';
export { fitIsotonic, predictIsotonic, type IsotonicFit } from './performance/isotonic';
export { weightedRocAuc } from './performance/weightedRocAuc';
export { PerformanceError, performanceErrorCodes } from './performance/PerformanceError';
export { MonitorMetrics } from './metrics/MonitorMetrics';
export { withMetrics } from './metrics/withMetrics';
