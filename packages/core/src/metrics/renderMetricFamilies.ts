import type { MetricFamily } from './MetricsSource';

/** What the renderer left out, by family name, and why (an invalid name, a name already taken, a counter without `_total`). */
export interface RenderedMetrics {
  text: string;
  rejected: { name: string; reason: string }[];
}

const metricName = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const labelName = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/**
 * Renders families in the Prometheus text format (0.0.4). Label values may hold anything a feature
 * name can: backslashes, quotes and newlines are escaped, and lone UTF-16 surrogates (which have no
 * UTF-8 encoding) become U+FFFD, so one hostile column name never makes the whole scrape unreadable.
 * A family with an invalid metric or label name, a counter not named `*_total`, or a name in `taken`
 * (the server's own metrics) is left out and reported, never rendered half-valid.
 */
export function renderMetricFamilies(families: readonly MetricFamily[], taken: ReadonlySet<string> = new Set()): RenderedMetrics {
  const lines: string[] = [];
  const rejected: RenderedMetrics['rejected'] = [];
  const seen = new Set(taken);
  for (const family of families) {
    const reason = problemOf(family, seen);
    if (reason) {
      rejected.push({ name: family.name, reason });
      continue;
    }
    seen.add(family.name);
    lines.push(`# HELP ${family.name} ${escapeHelp(family.help)}`, `# TYPE ${family.name} ${family.type}`);
    // Two samples with the same labels would be a duplicate series: the later one wins.
    const series = new Map<string, string>();
    for (const sample of family.samples) {
      let key = '';
      if (sample.labels) {
        const names = Object.keys(sample.labels).sort();
        for (let i = 0; i < names.length; i++) key += `${i ? ',' : ''}${names[i]}="${escapeLabelValue(sample.labels[names[i]!]!)}"`;
      }
      series.set(key, `${family.name}${key ? `{${key}}` : ''} ${formatValue(sample.value)}`);
    }
    lines.push(...series.values());
  }
  return { text: lines.length ? `${lines.join('\n')}\n` : '', rejected };
}

function problemOf(family: MetricFamily, seen: ReadonlySet<string>): string | null {
  if (!metricName.test(family.name)) return 'not a Prometheus metric name ([a-zA-Z_:][a-zA-Z0-9_:]*)';
  if (seen.has(family.name)) return 'the name is already exported';
  if (family.type !== 'gauge' && family.type !== 'counter') return `type ${String(family.type)} is not gauge or counter`;
  if (family.type === 'counter' && !family.name.endsWith('_total')) return 'a counter name must end in _total';
  for (const sample of family.samples) {
    for (const name of Object.keys(sample.labels ?? {})) {
      if (!labelName.test(name) || name.startsWith('__')) return `label ${JSON.stringify(name)} is not a Prometheus label name`;
    }
    if (typeof sample.value !== 'number') return `a sample value is ${typeof sample.value}, not a number`;
  }
  return null;
}

const loneSurrogates = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** Anything escapeLabelValue would change; most values (plain feature names) skip both replaces. */
const needsEscape = /[\\"\n\uD800-\uDFFF]/;

/** A label value as the text format wants it: `\\`, `\"` and `\n` escaped, valid UTF-16 only. */
export function escapeLabelValue(value: string): string {
  if (!needsEscape.test(value)) return value;
  return value.replace(loneSurrogates, '\uFFFD').replace(/[\\"\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`));
}

function escapeHelp(help: string): string {
  return help.replace(loneSurrogates, '\uFFFD').replace(/[\\\n]/g, (c) => (c === '\n' ? '\\n' : '\\\\'));
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}
