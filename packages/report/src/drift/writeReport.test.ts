import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { sampleReport } from '../__fixtures__/sampleReport';
import { renderDriftReport } from './renderDriftReport';
import { readDriftReport, writeReport } from './writeReport';

const dir = mkdtempSync(join(tmpdir(), 'report-write-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeReport', () => {
  it('writes the HTML and the JSON, which reads back to the same data', async () => {
    const paths = { html: join(dir, 'out', 'drift.html'), json: join(dir, 'out', 'drift.json') };
    const written = await writeReport(sampleReport(), paths);
    expect(readFileSync(paths.html, 'utf8')).toBe(renderDriftReport(sampleReport()));
    expect(written.htmlBytes).toBe(readFileSync(paths.html).length);
    expect(await readDriftReport(paths.json)).toEqual(JSON.parse(JSON.stringify(sampleReport())));
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['drift.html', 'drift.json']);
  });

  it('writes nothing for invalid data, leaving the earlier report as it was', async () => {
    const html = join(dir, 'keep.html');
    writeFileSync(html, 'earlier report');
    const data = sampleReport();
    data.features[0]!.threshold = Number.NaN;
    await expect(writeReport(data, { html, json: join(dir, 'keep.json') })).rejects.toThrow('drift report: features[0].threshold: expected a number, received NaN');
    expect(readFileSync(html, 'utf8')).toBe('earlier report');
    expect(readdirSync(dir).filter((f) => f.startsWith('keep') || f.endsWith('.tmp'))).toEqual(['keep.html']);
  });

  it('renames nothing into place when one of the files cannot be written', async () => {
    const html = join(dir, 'pair.html');
    writeFileSync(html, 'earlier report');
    writeFileSync(join(dir, 'not-a-dir'), '');
    const json = join(dir, 'not-a-dir', 'pair.json');
    await expect(writeReport(sampleReport(), { html, json })).rejects.toMatchObject({ code: 'E_REPORT_IO', path: json });
    expect(readFileSync(html, 'utf8')).toBe('earlier report');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('names the file when the JSON does not parse or does not fit', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"summary": ');
    await expect(readDriftReport(bad)).rejects.toMatchObject({ code: 'E_REPORT_INVALID_DATA', path: bad, badInput: true });
    writeFileSync(bad, JSON.stringify({ ...sampleReport(), features: 'none' }));
    await expect(readDriftReport(bad)).rejects.toThrow(`${bad}: features: expected an array, received "none"`);
    await expect(readDriftReport(join(dir, 'missing.json'))).rejects.toThrow(/missing\.json: could not read the report data \(ENOENT\)/);
  });
});
