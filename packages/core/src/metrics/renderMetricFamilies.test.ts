import { spawnSync } from 'node:child_process';
import { describe, expect, it } from '@jest/globals';
import { isMetricsSource, type MetricFamily } from './MetricsSource';
import { escapeLabelValue, renderMetricFamilies } from './renderMetricFamilies';

const hostile = ['a"b', 'back\\slash', 'new\nline', 'lone \uD800 high', 'lone \uDC00 low', 'pair 😀', '{x="1"}', ''];

describe('renderMetricFamilies', () => {
  it('escapes label values: quotes, backslashes, newlines; lone surrogates become U+FFFD', () => {
    expect(hostile.map(escapeLabelValue)).toEqual(['a\\"b', 'back\\\\slash', 'new\\nline', 'lone \uFFFD high', 'lone \uFFFD low', 'pair 😀', '{x=\\"1\\"}', '']);
  });

  it('renders HELP, TYPE and sorted labels; NaN and infinities as Prometheus writes them; a repeated series keeps the last value', () => {
    const { text, rejected } = renderMetricFamilies([
      { name: 'x_value', help: 'line\none \\ two', type: 'gauge', samples: [{ labels: { b: '2', a: '1' }, value: 0.5 }, { value: NaN }, { labels: { a: 'i' }, value: Infinity }, { labels: { a: 'j' }, value: -Infinity }, { labels: { a: '1', b: '2' }, value: 3 }] },
      { name: 'x_rows_total', help: 'rows', type: 'counter', samples: [{ value: 7 }] },
    ]);
    expect(rejected).toEqual([]);
    expect(text).toBe(
      ['# HELP x_value line\\none \\\\ two', '# TYPE x_value gauge', 'x_value{a="1",b="2"} 3', 'x_value NaN', 'x_value{a="i"} +Inf', 'x_value{a="j"} -Inf', '# HELP x_rows_total rows', '# TYPE x_rows_total counter', 'x_rows_total 7', ''].join('\n'),
    );
  });

  it('leaves out, and reports, families that would make the scrape invalid', () => {
    const family = (name: string, type: 'gauge' | 'counter' = 'gauge', labels: Record<string, string> = {}): MetricFamily => ({ name, help: 'h', type, samples: [{ labels, value: 1 }] });
    const { text, rejected } = renderMetricFamilies(
      [family('ok'), family('bad-name'), family('ok'), family('taken'), family('count', 'counter'), family('lbl', 'gauge', { 'bad-label': 'v' }), family('rsv', 'gauge', { __name__: 'v' }), { ...family('typ'), type: 'histogram' as never }],
      new Set(['taken']),
    );
    expect(text).toBe('# HELP ok h\n# TYPE ok gauge\nok 1\n');
    expect(rejected).toEqual([
      { name: 'bad-name', reason: 'not a Prometheus metric name ([a-zA-Z_:][a-zA-Z0-9_:]*)' },
      { name: 'ok', reason: 'the name is already exported' },
      { name: 'taken', reason: 'the name is already exported' },
      { name: 'count', reason: 'a counter name must end in _total' },
      { name: 'lbl', reason: 'label "bad-label" is not a Prometheus label name' },
      { name: 'rsv', reason: 'label "__name__" is not a Prometheus label name' },
      { name: 'typ', reason: 'type histogram is not gauge or counter' },
    ]);
  });

  it('isMetricsSource narrows a service by its collectMetrics method', () => {
    expect([isMetricsSource({ collectMetrics: () => [] }), isMetricsSource({ collectMetrics: 1 }), isMetricsSource(null), isMetricsSource('x')]).toEqual([true, false, false, false]);
  });

  const promtool = spawnSync('promtool', ['--version']).status === 0;
  (promtool ? it : it.skip)('hostile label values pass `promtool check metrics`', () => {
    const { text } = renderMetricFamilies([{ name: 'x_feature_mean', help: 'mean of a feature', type: 'gauge', samples: hostile.map((feature, i) => ({ labels: { feature }, value: i })) }]);
    const out = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    expect({ status: out.status, problems: `${out.stdout}${out.stderr}` }).toEqual({ status: 0, problems: '' });
  });
});
