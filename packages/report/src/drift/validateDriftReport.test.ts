import { describe, expect, it } from '@jest/globals';
import { sampleReport } from '../__fixtures__/sampleReport';
import { ReportError } from '../errors';
import type { DriftReportData } from './DriftReportData';
import { validateDriftReport } from './validateDriftReport';

// A deep copy of the sample, changed by `edit` (which may break its type on purpose).
function broken(edit: (data: any) => void): unknown {
  const data = JSON.parse(JSON.stringify(sampleReport()));
  edit(data);
  return data;
}

function messageOf(value: unknown, source?: string): string {
  try {
    validateDriftReport(value, source);
  } catch (error) {
    expect(error).toBeInstanceOf(ReportError);
    return (error as Error).message;
  }
  throw new Error('expected validateDriftReport to throw');
}

describe('validateDriftReport', () => {
  it('returns valid data as it is (JSON round trip included)', () => {
    const data: DriftReportData = JSON.parse(JSON.stringify(sampleReport()));
    expect(validateDriftReport(data)).toEqual(data);
  });

  it('names the field path, what was expected and what was found', () => {
    expect(messageOf(broken((d) => (d.features[1].pValue = 3)), 'report.json')).toMatchInlineSnapshot(`"report.json: features[1].pValue: expected a number <= 1, received 3"`);
    expect(messageOf(broken((d) => ((d.features[1].pValue = 3), (d.features[2].drifted = 'yes'), (d.alerts[0].severity = 'high'))))).toMatchInlineSnapshot(`"drift report: features[1].pValue: expected a number <= 1, received 3 (and 2 more problems)"`);
    expect(messageOf(broken((d) => (d.summary.currentRows = 'many')))).toMatchInlineSnapshot(`"drift report: summary.currentRows: expected a number, received "many""`);
    expect(messageOf(broken((d) => (d.features[0].pvalue = 0.5)))).toMatchInlineSnapshot(`"drift report: features[0].pvalue: expected no such field, received 0.5"`);
    expect(messageOf(broken((d) => (d.features[2].kind = 'text')))).toMatchInlineSnapshot(`"drift report: features[2].kind: expected one of "numeric", "categorical", "binary", received "text""`);
    expect(messageOf(broken((d) => (d.features[0].histogram.kind = 'bars')))).toMatchInlineSnapshot(`"drift report: features[0].histogram.kind: expected one of "numeric", "categorical", received "bars""`);
    expect(messageOf(broken((d) => delete d.summary.window))).toMatchInlineSnapshot(`"drift report: summary.window: expected an object, received nothing"`);
  });

  it('checks that both sides use the same bins and that edges increase', () => {
    expect(messageOf(broken((d) => d.features[0].histogram.current.pop()))).toMatchInlineSnapshot(`"drift report: features[0].histogram.current: expected 20 shares (one per bin: edges.length - 1), received an array of 19 items"`);
    expect(messageOf(broken((d) => (d.features[0].histogram.edges[3] = -10)))).toMatchInlineSnapshot(`"drift report: features[0].histogram.edges[3]: expected a number greater than the previous edge -3, received -10"`);
    expect(messageOf(broken((d) => d.features[2].histogram.reference.push(0)))).toMatchInlineSnapshot(`"drift report: features[2].histogram.reference: expected 8 shares (one per category), received an array of 9 items"`);
    expect(messageOf(broken((d) => (d.features[3].histogram.reference = [0.9, 0.9])))).toMatchInlineSnapshot(`"drift report: features[3].histogram.reference: expected shares that sum to at most 1, received an array of 2 items"`);
  });

  it('bounds the size: at most 50 bins per feature, unique feature names', () => {
    const tooMany = broken((d) => {
      d.features[0].histogram = { kind: 'categorical', categories: Array.from({ length: 51 }, (_, i) => `c${i}`), reference: new Array(51).fill(0), current: new Array(51).fill(0) };
    });
    expect(messageOf(tooMany)).toMatch(/^drift report: features\[0\]\.histogram\.categories: expected at most 50 items, received an array of 51 items/);
    expect(messageOf(broken((d) => (d.features[1].name = d.features[0].name)))).toMatchInlineSnapshot(`"drift report: features[1].name: expected a feature name not used by an earlier feature, received "mean texture""`);
    expect(messageOf(broken((d) => (d.outputs = [d.features[0], d.features[0]])))).toBe('drift report: outputs[1].name: expected an output name not used by an earlier output, received "mean texture"');
  });

  it('marks the error as bad input with its facts as fields', () => {
    try {
      validateDriftReport(broken((d) => (d.summary.datasetDrift.share = -1)));
      throw new Error('expected a throw');
    } catch (error) {
      expect((error as ReportError).toJSON()).toEqual({ name: 'ReportError', code: 'E_REPORT_INVALID_DATA', message: 'drift report: summary.datasetDrift.share: expected a number >= 0, received -1', path: 'summary.datasetDrift.share', expected: 'a number >= 0', received: '-1', badInput: true });
    }
  });
});
