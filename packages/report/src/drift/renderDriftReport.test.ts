import { describe, expect, it } from '@jest/globals';
import { largeReport } from '../__fixtures__/largeReport';
import { hostileName, sampleReport } from '../__fixtures__/sampleReport';
import { renderDriftReport } from './renderDriftReport';

describe('renderDriftReport', () => {
  const html = renderDriftReport(sampleReport());

  it('is deterministic: the same data gives the same bytes', () => {
    expect(renderDriftReport(sampleReport())).toBe(html);
  });

  it('is self-contained: fetches nothing, runs nothing, and says so in its CSP', () => {
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    expect(html).not.toMatch(/https?:|<script|<link|@import|url\(/i);
  });

  it('escapes user text: a feature named like a script tag is text', () => {
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;');
    expect(html).not.toContain(hostileName);
  });

  it('puts the verdict and the summary first, drifted features first in input order', () => {
    const summary = html.slice(html.indexOf('<table id="summary">'), html.indexOf('</table>'));
    const names = [...summary.matchAll(/<a href="#(feature-\d+)">([^<]*)<\/a>/g)].map((m) => [m[1], m[2]]);
    expect(names).toEqual([
      ['feature-1', 'mean radius'],
      ['feature-2', 'city'],
      ['feature-4', '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;'],
      ['feature-0', 'mean texture'],
      ['feature-3', 'smoker'],
      ['feature-5', 'empty feature'],
    ]);
    expect(html.indexOf('id="dataset-verdict"')).toBeLessThan(html.indexOf('id="summary"'));
    expect(html.indexOf('id="summary"')).toBeLessThan(html.indexOf('id="feature-1"'));
  });

  it('draws one reference and one current bar per bin', () => {
    const section = (id: string) => html.slice(html.indexOf(`id="${id}"`), html.indexOf('</section>', html.indexOf(`id="${id}"`)));
    const bars = (id: string, cls: string) => section(id).split(`<rect class="${cls}"`).length - 1;
    expect([bars('feature-1', 'ref'), bars('feature-1', 'cur')]).toEqual([20, 20]);
    expect([bars('feature-2', 'ref'), bars('feature-2', 'cur')]).toEqual([8, 8]);
    expect(bars('feature-5', 'ref')).toBe(0);
    expect(section('feature-5')).toContain('Skipped: no present values in the current window');
  });

  it('shows statistics and p-values in a fixed format', () => {
    expect(html).toContain('<span>p-value: 1.2e-300</span>');
    expect(html).toContain('<span>statistic: 0.5513</span>');
    expect(html).toContain('<span>nulls: reference 1%, current 2%</span>');
    expect(html).toContain('Dataset drift: 3 of 6 features drifted (drift share 50%, threshold 50%)');
  });

  it('shows output drift (the prediction distribution) as its own rows and sections, outside the dataset verdict', () => {
    const data = sampleReport();
    const [texture, radius] = data.features;
    data.outputs = [
      { ...texture!, name: 'output.label', kind: 'binary', drifted: false },
      { ...radius!, name: 'output.probabilities[1]', drifted: true },
    ];
    const page = renderDriftReport(data);
    const outputs = page.slice(page.indexOf('<table id="outputs">'), page.indexOf('</table>', page.indexOf('<table id="outputs">')));
    expect([...outputs.matchAll(/<a href="#(output-\d+)">([^<]*)<\/a>/g)].map((m) => [m[1], m[2]])).toEqual([
      ['output-1', 'output.probabilities[1]'],
      ['output-0', 'output.label'],
    ]);
    expect(outputs).toContain('<th>Output</th>');
    expect(page).toContain('<div id="output-verdict" class="verdict bad">Output drift: 1 of 2 outputs drifted (output.probabilities[1])</div>');
    // The dataset verdict still counts the inputs only.
    expect(page).toContain('Dataset drift: 3 of 6 features drifted (drift share 50%, threshold 50%)');
    const section = page.slice(page.indexOf('id="output-1"'), page.indexOf('</section>', page.indexOf('id="output-1"')));
    expect(section.split('<rect class="cur"').length - 1).toBe(20);
    expect(html).not.toContain('output-verdict');
  });

  it('stays under 2 MB for 100 features aggregated from 1M rows each', () => {
    const data = largeReport();
    const started = performance.now();
    const big = renderDriftReport(data);
    const ms = performance.now() - started;
    const bytes = Buffer.byteLength(big);
    if (process.env.MLOPS_REPORT_TIMING) console.log(`100 features × 1M rows: ${bytes} bytes of HTML, ${JSON.stringify(data).length} of JSON, rendered in ${ms.toFixed(1)} ms`);
    expect(bytes).toBeLessThan(2 * 1024 * 1024);
    expect(Buffer.byteLength(JSON.stringify(data))).toBeLessThan(2 * 1024 * 1024);
    expect(big.split('<rect class="ref"').length - 1).toBe(100 * 50);
    // Generous: a pathological (quadratic) renderer would take minutes, this one takes milliseconds.
    expect(ms).toBeLessThan(10_000);
  });
});
