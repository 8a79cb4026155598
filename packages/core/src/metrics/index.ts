export { isMetricsSource, type CollectMetricsRequest, type MetricFamily, type MetricSample, type MetricsSource } from './MetricsSource';
export { escapeLabelValue, renderMetricFamilies, type RenderedMetrics } from './renderMetricFamilies';
