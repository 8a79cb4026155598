export type { Monitor, MonitorAlertRecord, MonitorEvaluation, MonitorWindow, RetrainRequestRecord } from './Monitor';
