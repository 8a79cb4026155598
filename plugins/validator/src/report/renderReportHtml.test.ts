import { Frame } from '@mlops/frame';
import { validate } from '../__fixtures__/validate';
import type { BaselineLike } from './renderReportHtml';
import { renderReportHtml } from './renderReportHtml';

const frame = Frame.fromRows([
  { name: '<script>alert(1)</script>', x: 1.5, ok: true, at: new Date('2024-01-01T00:00:00Z') },
  { name: 'bob & "alice"', x: 2.5, ok: false, at: new Date('2024-01-02T00:00:00Z') },
  { name: '<img src=x onerror=alert(2)>', x: 100, ok: true, at: new Date('2024-01-03T00:00:00Z') },
]);

function page() {
  const { outcome, report } = validate(frame, {
    name: 'evil <b>dataset</b>',
    columns: { name: { dtype: 'category', allowed: ['bob'] }, x: { dtype: 'float64', range: { max: 10 } }, ok: { dtype: 'bool' }, at: { dtype: 'timestamp' } },
  });
  return { html: renderReportHtml(report, outcome.baseline as BaselineLike), report };
}

describe('renderReportHtml', () => {
  it('escapes every value from the data: no script or tag from a cell reaches the page', () => {
    const { html } = page();
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>dataset');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('bob &amp; &quot;alice&quot;');
    expect(html).toContain('<title>Validation report: evil &lt;b&gt;dataset&lt;/b&gt;</title>');
  });

  it('is one self-contained page: inline CSS and SVG, no scripts, no external URLs', () => {
    const { html } = page();
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<style>');
    expect(html).not.toMatch(/<script|<link|<iframe|https?:\/\//i);
    expect(html).not.toMatch(/\ssrc="/);
    // A histogram for the numeric column, frequency bars for the categorical and bool ones.
    expect(html.match(/aria-label="histogram"/g)).toHaveLength(1);
    expect(html.match(/aria-label="frequencies"/g)).toHaveLength(2);
  });

  it('puts failing checks first, then warnings, with their examples', () => {
    const { html, report } = page();
    const problems = html.slice(html.indexOf('<h2>Problems</h2>'), html.indexOf('<details>'));
    const failing = report.checks.filter((e) => e.status === 'fail');
    expect(failing.map((e) => e.check)).toEqual(['allowed', 'range']);
    expect(problems.indexOf('>allowed<')).toBeLessThan(problems.indexOf('>range<'));
    expect(problems).toContain('row 2: 100');
    expect(html).toContain('failed</span>');
  });
});
