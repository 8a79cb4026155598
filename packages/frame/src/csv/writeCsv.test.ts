import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { boolColumn, categoryColumn, float64Column, int32Column, timestampColumn } from '../column/createColumn';
import { digestFrame } from '../digest/digestFrame';
import { Frame } from '../frame/Frame';
import { readCsv } from './readCsv';
import { writeCsv } from './writeCsv';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'frame-write-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeCsv', () => {
  const frame = Frame.fromColumns({
    x: float64Column([0.1, -0, 1e21, 5e-324, 2], [0, 0, 0, 0, 1]),
    n: int32Column([1, -2147483648, 3, 4, 5], [0, 0, 0, 1, 0]),
    ok: boolColumn([true, false, true, false, true], [0, 0, 0, 0, 1]),
    s: categoryColumn([0, 1, 2, 3, -1], ['plain', 'a,b "quoted"\nline', 'NA', '']),
    at: timestampColumn([Date.UTC(2024, 1, 29, 1, 2, 3, 4), 0.5, -1, 1e12, 0], [0, 0, 0, 0, 1]),
  });
  const schema = { x: 'float64', n: 'int32', ok: 'bool', s: 'category', at: 'timestamp' } as const;

  it('writes a file that reads back to the same values and digest', async () => {
    const path = join(dir, 'out.csv');
    await writeCsv(frame, path);
    const { frame: back } = await readCsv(path, { schema });
    expect(back.toRows()).toEqual(frame.toRows());
    expect(digestFrame(back)).toBe(digestFrame(frame));
    expect(readFileSync(path, 'utf8').split('\n')[0]).toBe('x,n,ok,s,at');
  });

  it('quotes what needs quoting and leaves no temporary file behind', async () => {
    const path = join(dir, 'semi.csv');
    await writeCsv(Frame.fromRows([{ a: 'x;y', b: 'NA' }]), path, { delimiter: ';' });
    expect(readFileSync(path, 'utf8')).toBe('a;b\n"x;y";"NA"\n');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('replaces an existing file atomically', async () => {
    const path = join(dir, 'replace.csv');
    await writeCsv(Frame.fromRows([{ a: 1 }]), path);
    await writeCsv(Frame.fromRows([{ a: 2 }]), path);
    expect(readFileSync(path, 'utf8')).toBe('a\n2\n');
  });

  it('fails cleanly when the directory does not exist', async () => {
    await expect(writeCsv(frame, join(dir, 'missing', 'x.csv'))).rejects.toThrow(/ENOENT/);
  });
});
