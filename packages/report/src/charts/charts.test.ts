import { describe, expect, it } from '@jest/globals';
import { htmlTable } from '../html/htmlTable';
import { formatNumber, formatPercent } from '../html/formatNumber';
import { renderPage } from '../html/renderPage';
import { lineChartSvg } from './lineChartSvg';

describe('building blocks', () => {
  it('lineChartSvg draws each series as one path scaled to the shared extent', () => {
    const svg = lineChartSvg({ title: 'history', series: [{ name: 'objective', style: 'dots', points: [[0, 10], [1, 5], [2, Number.NaN]] }, { name: 'best <so far>', points: [[0, 10], [2, 0]] }] });
    expect(svg.match(/<path /g)).toHaveLength(2);
    // x 0..2 → 56..628, y 0..10 → 204..10 (height 240, margins 56/12/10/36); the NaN point is left out.
    expect(svg).toContain('d="M56 10h0M342 107h0"');
    expect(svg).toContain('d="M56 10L628 204"');
    expect(svg).toContain('<title>best &lt;so far&gt;</title>');
  });

  it('htmlTable escapes text cells and passes html cells through', () => {
    expect(htmlTable({ columns: [{ label: 'a<b' }, { label: 'n', numeric: true }], rows: [{ className: 'x', cells: ['<i>', { html: '<b>1</b>' }] }] })).toBe(
      '<table><thead><tr><th>a&lt;b</th><th class="num">n</th></tr></thead><tbody>\n<tr class="x"><td>&lt;i&gt;</td><td class="num"><b>1</b></td></tr>\n</tbody></table>',
    );
  });

  it('renderPage allows exactly its own inline script by hash', () => {
    const page = renderPage({ title: 't', body: '', script: 'document.title = "x";' });
    expect(page).toContain("script-src 'sha256-");
    expect(page).toContain('<script>document.title = "x";</script>');
  });

  it('formats numbers the same everywhere', () => {
    expect([0, 0.123456, 12.5, 1234567, 3.4e-12, -0.0004, null].map(formatNumber)).toEqual(['0', '0.1235', '12.5', '1.23e6', '3.4e-12', '-4e-4', '—']);
    expect([0, 0.5, 0.12345, 0.0001].map(formatPercent)).toEqual(['0%', '50%', '12.3%', '<0.1%']);
  });
});
