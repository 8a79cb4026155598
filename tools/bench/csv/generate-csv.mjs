// Deterministic generator of the CSV benchmark file: 20 mixed columns, a few null cells.
// Shared by bench-csv.mjs and tools/crosscheck/frame/crosscheck-csv.mjs so both read the same bytes.
import { createWriteStream, existsSync, mkdirSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** Where the generated file lives (tools/bench/data is gitignored). */
export const dataDir = join(here, '..', 'data');

/** Column layout: 14 float64, 3 int, 2 categorical strings, 1 ISO timestamp. */
export const floatColumns = Array.from({ length: 14 }, (_, i) => `f${i}`);
export const intColumns = ['i0', 'i1', 'i2'];
export const categoryColumns = ['c0', 'c1'];
export const timestampColumns = ['ts'];
export const allColumns = [...floatColumns, ...intColumns, ...categoryColumns, ...timestampColumns];

const colors = ['red', 'green', 'blue', 'yellow', 'black', 'white', 'orange', 'purple'];
const cities = ['Paris', 'Berlin', 'New York', 'São Paulo', 'Tokyo', 'Lagos', 'Mumbai', 'Sydney', 'Cairo', 'Lima', 'Oslo', 'Quito'];

// mulberry32: small, fast, deterministic; the file must be identical on every machine.
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function floatCell(rnd, col) {
  const r = rnd();
  if (r < 0.002) return '';
  if (r < 0.003) return 'NA';
  const v = (rnd() - 0.5) * 10 ** ((col % 7) - 2);
  // Mix precisions and some exponent notation, like real exports do.
  if (col % 5 === 4) return v.toExponential(8);
  if (col % 3 === 0) return v.toFixed(6);
  return String(v);
}

function row(rnd, i) {
  const cells = [];
  for (let c = 0; c < floatColumns.length; c++) cells.push(floatCell(rnd, c));
  cells.push(String(Math.floor(rnd() * 1000)));
  cells.push(String(Math.floor((rnd() - 0.5) * 2e9)));
  cells.push(rnd() < 0.001 ? '' : String(i));
  cells.push(colors[Math.floor(rnd() * colors.length)]);
  const city = cities[Math.floor(rnd() * cities.length)];
  cells.push(rnd() < 0.001 ? 'NA' : city.includes(' ') ? `"${city}"` : city);
  const ms = Date.UTC(2020, 0, 1) + Math.floor(rnd() * 4 * 365 * 86400000);
  cells.push(new Date(ms).toISOString());
  return cells.join(',');
}

/** Writes the file if it is missing; returns its path. */
export async function ensureCsv(rows = 1_000_000) {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, `bench-${rows}x${allColumns.length}.csv`);
  if (existsSync(path)) return path;
  const tmp = `${path}.tmp-${process.pid}`;
  const out = createWriteStream(tmp, { highWaterMark: 1 << 20 });
  const rnd = prng(20240601);
  let batch = allColumns.join(',') + '\n';
  for (let i = 0; i < rows; i++) {
    batch += row(rnd, i) + '\n';
    if (batch.length > 1 << 20) {
      if (!out.write(batch)) await new Promise((r) => out.once('drain', r));
      batch = '';
    }
  }
  out.write(batch);
  await new Promise((resolve, reject) => out.end((err) => (err ? reject(err) : resolve())));
  renameSync(tmp, path);
  return path;
}
