export { createUiServer, defaultWebRoot, type UiServer, type UiServerOptions } from './createUiServer';
export { uiServicesFromRuntime } from './uiServicesFromRuntime';
export { uiSections } from './sections';
export type { UiRequest, UiRoute, UiSection, UiServices, UiRawResponse } from './UiSection';
export { UiError, uiErrorCodes, badParam, type UiErrorCode } from './errors';
export { dashboardCsp } from './http/contentSecurity';
export { parseMetricColumn, lowerIsBetter, type MetricColumn, type MetricAggregate } from './sections/runs/metricColumns';
