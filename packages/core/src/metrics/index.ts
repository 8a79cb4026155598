export { isMetricsSource, type CollectMetricsRequest, type MetricFamily, type MetricSample, type MetricsSource } from './MetricsSource';
// renderMetricFamilies and escapeLabelValue are exported lazily by ../lazyExports.
export { TallyHistogram, TallySeries, type MetricRegistry } from './TallyHistogram';
