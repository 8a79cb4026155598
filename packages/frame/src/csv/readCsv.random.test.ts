import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCsv } from './readCsv';

// Property test: random files with known content (quotes, escapes, embedded newlines, CRLF, nulls,
// blank lines, malformed lines at known line numbers), read with several chunk sizes. The reader
// has a one-pass fast path and a general scanner; both must agree with what was written.

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'frame-csv-random-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Expected {
  rows: { x: number | null; n: number | null; s: string | null; t: number | null }[];
  badLines: number[];
  text: string;
}

function generate(seed: number): Expected {
  const rnd = prng(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
  const eol = rnd() < 0.5 ? '\n' : '\r\n';
  const lines: string[] = ['x,n,s,t'];
  let line = 1;
  const rows: Expected['rows'] = [];
  const badLines: number[] = [];
  const strings = ['plain', 'with,comma', 'say "hi"', 'two\nlines', 'cr\r\nlf', '', 'NA', 'ünïcödé ✓', ' spaced '];
  for (let i = 0; i < 200; i++) {
    const kind = rnd();
    if (kind < 0.04) {
      lines.push('');
      line += 1;
      continue;
    }
    if (kind < 0.1) {
      lines.push(pick(['1,2', '1,2,x,2024-01-01,extra', '1.5,abc,x,2024-01-01', '"a"b,1,x,2024-01-01']));
      line += 1;
      badLines.push(line);
      continue;
    }
    const x = rnd() < 0.1 ? null : Number(((rnd() - 0.5) * 10 ** Math.floor(rnd() * 8)).toPrecision(1 + Math.floor(rnd() * 17)));
    const n = rnd() < 0.1 ? null : Math.floor((rnd() - 0.5) * 2 ** 31);
    const s = rnd() < 0.1 ? null : pick(strings);
    const t = rnd() < 0.1 ? null : Math.floor(rnd() * 4e12);
    const quoteS = s === null ? '' : /[",\r\n]/.test(s) || s === '' || s === 'NA' || rnd() < 0.2 ? `"${s.replace(/"/g, '""')}"` : s;
    const cellX = x === null ? pick(['', 'NA', 'NaN']) : rnd() < 0.1 ? `"${x}"` : String(x);
    const cellT = t === null ? '' : new Date(t).toISOString();
    lines.push([cellX, n === null ? 'null' : String(n), quoteS, cellT].join(','));
    line += 1 + (s === null ? 0 : (s.match(/\n/g) ?? []).length);
    rows.push({ x, n, s, t });
  }
  return { rows, badLines, text: lines.join(eol) + (rnd() < 0.5 ? eol : '') };
}

describe('readCsv on random files', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('reads seed %i exactly, with the right bad lines, for any chunk size', async (seed) => {
    const expected = generate(seed);
    const path = join(dir, `r${seed}.csv`);
    writeFileSync(path, expected.text);
    for (const highWaterMark of [2, 7, 64, 1 << 20]) {
      const { frame, badRows } = await readCsv(path, {
        onBadRow: 'skip',
        highWaterMark,
        schema: { x: 'float64', n: 'int32', s: 'category', t: 'timestamp' },
      });
      expect(badRows.map((r) => r.line)).toEqual(expected.badLines);
      const rows = frame.toRows().map((r) => ({ ...r, t: r.t === null ? null : (r.t as Date).getTime() }));
      expect(rows).toEqual(expected.rows);
    }
  });
});
