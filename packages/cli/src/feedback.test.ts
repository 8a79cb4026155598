import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

// End-to-end: the built `mlops` binary in a scratch project with the SQLite store and the monitor.
const repo = path.resolve(__dirname, '../../..');
const bin = path.join(repo, 'packages/cli/bin/mlops.js');
let project: string;

function mlops(args: string[]): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [bin, ...args], { cwd: project, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 });
}

beforeAll(() => {
  project = mkdtempSync(path.join(tmpdir(), 'mlops-cli-feedback-'));
  symlinkSync(path.join(repo, 'node_modules'), path.join(project, 'node_modules'), 'dir');
  writeFileSync(
    path.join(project, 'mlops.config.ts'),
    `import { defineConfig } from '@mlops/core';
export default defineConfig({ plugins: { artifactStore: '@mlops/storage-local', metadataStore: '@mlops/storage-local', monitor: '@mlops/monitor' } });
`,
  );
});
afterAll(() => rmSync(project, { recursive: true, force: true }));

describe('mlops feedback import', () => {
  it('stores the labels of a CSV file in the monitor; importing it again changes nothing, a corrected file updates', () => {
    // Any column order, a quoted label with a comma, CRLF line ends, an empty row meaning 0.
    writeFileSync(path.join(project, 'labels.csv'), 'label,requestId,row\r\nmalignant,req-1,\r\n"benign, confirmed",req-2,0\r\nbenign,req-3,2\r\n');
    const first = mlops(['feedback', 'import', 'labels.csv']);
    // (stderr holds the monitor's info line about its prediction log closing.)
    expect(first.stderr).not.toMatch(/error|warn/);
    expect(first.stdout).toBe('labels.csv: 3 labels: 3 new, 0 updated, 0 unchanged\n');
    expect(first.status).toBe(0);
    expect(JSON.parse(mlops(['--json', 'feedback', 'import', 'labels.csv']).stdout)).toEqual({ file: 'labels.csv', received: 3, inserted: 0, updated: 0, unchanged: 3 });
    writeFileSync(path.join(project, 'fix.csv'), 'requestId,label\nreq-1,benign\nreq-9,benign\n');
    expect(mlops(['feedback', 'import', 'fix.csv']).stdout).toBe('fix.csv: 2 labels: 1 new, 1 updated, 0 unchanged\n');
  });

  it.each([
    ['bad-header.csv', 'request,label\nr,1\n', 'bad-header.csv:1: unknown column "request"; expected requestId, label and optionally row'],
    ['no-label.csv', 'requestId,row\nr,1\n', 'no-label.csv:1: no label column; expected a header requestId,label[,row]'],
    ['fields.csv', 'requestId,label\nr-1,yes\nr-2,yes,3\n', 'fields.csv:3: expected 2 fields (requestId,label), found 3'],
    ['row.csv', 'requestId,label,row\nr-1,yes,0\n"multi\nline",yes,0\nr-3,yes,-1\n', 'row.csv:5: column row: expected a row index (integer from 0 to 2147483647) or nothing, found "-1"'],
    ['empty-id.csv', 'requestId,label\nr-1,yes\n,no\n', 'empty-id.csv:3: column requestId: expected a non-empty string, found ""'],
    ['quote.csv', 'requestId,label\n"r-1,yes\n', 'quote.csv:2: a quoted field is never closed'],
    ['missing.csv', null, 'missing.csv: cannot read the file (ENOENT)'],
  ])('refuses %s naming the file, line and column, exits 2 and stores nothing', (file, content, message) => {
    // Each file's good rows use an id of its own (r-1 → <file>-1), probed afterwards.
    if (content !== null) writeFileSync(path.join(project, file), content.replace(/r-(\d)/g, `${file}-$1`));
    const r = mlops(['feedback', 'import', file]);
    expect(r.stderr).toBe(`error: ${message.replace(/r-(\d)/g, `${file}-$1`)}\n`);
    expect(r.status).toBe(2);
    // Had the good rows before the bad one been stored, this label would count as an update.
    writeFileSync(path.join(project, 'probe.csv'), `requestId,label\n${file}-1,yes\n`);
    expect(JSON.parse(mlops(['--json', 'feedback', 'import', 'probe.csv']).stdout)).toMatchObject({ inserted: 1, updated: 0, unchanged: 0 });
  });

  it('says a config without a monitor has nowhere to store labels, exit 2', () => {
    writeFileSync(path.join(project, 'no-monitor.config.ts'), `export default { plugins: { artifactStore: '@mlops/storage-local', metadataStore: '@mlops/storage-local' } };\n`);
    writeFileSync(path.join(project, 'one.csv'), 'requestId,label\nr,1\n');
    const r = mlops(['--config', 'no-monitor.config.ts', 'feedback', 'import', 'one.csv']);
    expect(r.stderr).toBe(`error: mlops feedback import stores labels in the monitor, and ${path.join(project, 'no-monitor.config.ts')} configures none: add plugins.monitor: '@mlops/monitor'\n`);
    expect(r.status).toBe(2);
  });
});
