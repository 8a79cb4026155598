import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { digestFrame } from '../digest/digestFrame';
import { BadRowsError, SchemaError } from '../errors/errors';
import { Frame } from '../frame/Frame';
import { readCsv } from './readCsv';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'frame-csv-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let fileNo = 0;
function csv(text: string | Buffer): string {
  const path = join(dir, `t${fileNo++}.csv`);
  writeFileSync(path, text);
  return path;
}

describe('readCsv: parsing', () => {
  it('infers dtypes from the sample', async () => {
    const path = csv('i,f,b,t,s\n1,1.5,true,2024-01-01T00:00:00Z,x\n-2,,FALSE,2024-01-02,y\n3,2e3,true,,x\n');
    const { frame, badRows } = await readCsv(path);
    expect(badRows).toEqual([]);
    expect(frame.schema()).toEqual([
      { name: 'i', dtype: 'int32', nullable: false },
      { name: 'f', dtype: 'float64', nullable: true },
      { name: 'b', dtype: 'bool', nullable: false },
      { name: 't', dtype: 'timestamp', nullable: true },
      { name: 's', dtype: 'category', nullable: false },
    ]);
    expect(frame.toRows()).toEqual([
      { i: 1, f: 1.5, b: true, t: new Date('2024-01-01T00:00:00Z'), s: 'x' },
      { i: -2, f: null, b: false, t: new Date('2024-01-02T00:00:00Z'), s: 'y' },
      { i: 3, f: 2000, b: true, t: null, s: 'x' },
    ]);
  });

  it('handles RFC 4180 quoting: delimiters, "" escapes and newlines inside quotes', async () => {
    const path = csv('id,text\n1,"a,b"\n2,"say ""hi"""\n3,"line1\nline2"\n4,"crlf\r\ninside"\n5,""\n6,plain\n');
    const { frame } = await readCsv(path);
    expect(frame.toRows().map((r) => r.text)).toEqual(['a,b', 'say "hi"', 'line1\nline2', 'crlf\r\ninside', '', 'plain']);
    expect(frame.column('id').dtype).toBe('int32');
  });

  it('reads CRLF files, a missing final newline, a BOM and blank lines', async () => {
    const path = csv(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('a,b\r\n1,"x"\r\n\r\n2,y\r\n\n3,z')]));
    const { frame } = await readCsv(path);
    expect(frame.names).toEqual(['a', 'b']);
    expect(frame.toRows()).toEqual([
      { a: 1, b: 'x' },
      { a: 2, b: 'y' },
      { a: 3, b: 'z' },
    ]);
  });

  it('gives the same frame whatever the chunk size (rows straddling reads)', async () => {
    const lines = ['n,price,name,when'];
    for (let i = 0; i < 200; i++) {
      const name = i % 7 === 0 ? `"multi\r\nline ""${i}"", ok"` : i % 5 === 0 ? '' : `name${i % 13}`;
      lines.push(`${i},${(i * 1.1).toFixed(3)},${name},2024-03-${String((i % 28) + 1).padStart(2, '0')}T10:00:00.5Z`);
    }
    const path = csv(lines.join('\r\n') + '\r\n');
    const reference = (await readCsv(path)).frame;
    expect(reference.rowCount).toBe(200);
    for (const highWaterMark of [1, 2, 3, 7, 64, 1000]) {
      const { frame } = await readCsv(path, { highWaterMark });
      expect([highWaterMark, digestFrame(frame)]).toEqual([highWaterMark, digestFrame(reference)]);
    }
    expect(reference.toRows(1)[0]).toEqual({ n: 0, price: 0, name: 'multi\r\nline "0", ok', when: new Date('2024-03-01T10:00:00.500Z') });
  });

  it('supports other delimiters', async () => {
    expect((await readCsv(csv('a;b\n1;"x;y"\n'), { delimiter: ';' })).frame.toRows()).toEqual([{ a: 1, b: 'x;y' }]);
    expect((await readCsv(csv('a\tb\n1\t2\n'), { delimiter: '\t' })).frame.toRows()).toEqual([{ a: 1, b: 2 }]);
    await expect(readCsv(csv('a\n'), { delimiter: '"' })).rejects.toThrow(SchemaError);
    await expect(readCsv(csv('a\n'), { delimiter: ',,' })).rejects.toThrow(/single-byte character/);
  });

  it('names empty and repeated header cells, and reads empty files', async () => {
    const { frame } = await readCsv(csv('a,,a,"a"\n1,2,3,4\n'));
    expect(frame.names).toEqual(['a', 'column_1', 'a.1', 'a.2']);
    expect((await readCsv(csv(''))).frame.names).toEqual([]);
    const headerOnly = (await readCsv(csv('x,y\n'), { schema: { y: 'category' } })).frame;
    expect(headerOnly.rowCount).toBe(0);
    expect(headerOnly.schema().map((s) => s.dtype)).toEqual(['float64', 'category']);
  });
});

describe('readCsv: schema and nulls', () => {
  it('applies an explicit schema, including epoch numbers for timestamps', async () => {
    const path = csv('id,score,flag,at,code\n1,2,1,1700000000,007\n2,3.5,false,2024-01-01,8\n');
    const { frame } = await readCsv(path, {
      schema: { id: 'float64', score: 'float64', flag: 'bool', at: 'timestamp', code: 'category' },
      epochUnit: 's',
    });
    expect(frame.schema().map((s) => s.dtype)).toEqual(['float64', 'float64', 'bool', 'timestamp', 'category']);
    expect(frame.toRows()).toEqual([
      { id: 1, score: 2, flag: true, at: new Date(1700000000 * 1000), code: '007' },
      { id: 2, score: 3.5, flag: false, at: new Date('2024-01-01T00:00:00Z'), code: '8' },
    ]);
  });

  it('treats the default null tokens as null, but a quoted string as literal text', async () => {
    const path = csv('n,s\n1,NA\nNaN,"NA"\nnull,""\nN/A,\n,null\n');
    const { frame } = await readCsv(path, { schema: { s: 'category' } });
    expect(frame.toRows().map((r) => [r.n, r.s])).toEqual([
      [1, null],
      [null, 'NA'],
      [null, ''],
      [null, null],
      [null, null],
    ]);
  });

  it('takes reader-wide and per-column null tokens', async () => {
    const path = csv('a,b\n-,-\n?,?\n,x\n');
    const { frame } = await readCsv(path, {
      nullTokens: ['-'],
      schema: { a: { dtype: 'category', nullTokens: ['?', ''] }, b: 'category' },
    });
    expect(frame.toRows()).toEqual([
      { a: '-', b: null },
      { a: null, b: '?' },
      { a: null, b: 'x' },
    ]);
  });

  it('rejects an unknown dtype in the schema', async () => {
    await expect(readCsv(csv('a\n1\n'), { schema: { a: 'text' as never } })).rejects.toThrow('schema column "a": unknown dtype "text"');
  });

  it('rejects a schema naming a column the header lacks', async () => {
    await expect(readCsv(csv('a,b\n1,2\n'), { schema: { c: 'int32' } })).rejects.toThrow(
      /schema names column\(s\) "c" not in the header; the header has: "a", "b"/,
    );
  });
});

describe('readCsv: inference and widening', () => {
  it('widens an int32 column to float64 in place when a later value has a fraction or overflows', async () => {
    const path = csv('a,b\n1,1\n2,2\n2.5,3000000000\n');
    const { frame } = await readCsv(path, { inferRows: 2 });
    expect(frame.schema().map((s) => s.dtype)).toEqual(['float64', 'float64']);
    expect(frame.toRows()).toEqual([
      { a: 1, b: 1 },
      { a: 2, b: 2 },
      { a: 2.5, b: 3000000000 },
    ]);
  });

  it('widens a numeric, bool or timestamp column to category, keeping the original text', async () => {
    const path = csv('x,flag,at\n1.50,true,2024-01-01\n2,false,2024-01-02\noops,maybe,soon\n');
    const { frame, badRows } = await readCsv(path, { inferRows: 2 });
    expect(badRows).toEqual([]);
    expect(frame.schema().map((s) => s.dtype)).toEqual(['category', 'category', 'category']);
    expect(frame.toRows()[0]).toEqual({ x: '1.50', flag: 'true', at: '2024-01-01' });
    expect(frame.rowCount).toBe(3);
  });

  it('infers float64 for a column with only nulls in the sample', async () => {
    const { frame } = await readCsv(csv('a,b\n,1\nNA,2\n'));
    expect(frame.schema()[0]).toEqual({ name: 'a', dtype: 'float64', nullable: true });
  });
});

describe('readCsv: bad rows', () => {
  // Physical lines: 1 header, 2 good, 3 short, 4-5 a good quoted two-line row, 6 bad value,
  // 7 blank, 8 good, 9 too long, 10 junk after quote, 11 good.
  const text = [
    'id,amount,note',
    '1,1.5,ok',
    '2,2.5',
    '3,3.5,"two',
    'lines"',
    '4,abc,bad amount',
    '',
    '5,5.5,fine',
    '6,6.5,x,extra',
    '7,7.5,"q"x',
    '8,8.5,last',
  ].join('\n');

  it.each([1, 5, 1 << 20])("'skip' drops bad rows, keeps every good row and reports path:line (chunks of %i bytes)", async (highWaterMark) => {
    const path = csv(text);
    const { frame, badRows } = await readCsv(path, { onBadRow: 'skip', schema: { amount: 'float64' }, highWaterMark });
    expect(frame.toRows().map((r) => r.id)).toEqual([1, 3, 5, 8]);
    expect(frame.toRows()[1].note).toBe('two\nlines');
    expect(badRows).toEqual([
      { path, line: 3, reason: 'expected 3 fields, found 2' },
      { path, line: 6, reason: 'column "amount": "abc" is not a valid float64' },
      { path, line: 9, reason: 'expected 3 fields, found 4' },
      { path, line: 10, reason: 'unexpected character after a closing quote' },
    ]);
  });

  it("'fail' (the default) throws one error listing file:line for each bad row and the total", async () => {
    const path = csv(text);
    const error = await readCsv(path, { schema: { amount: 'float64' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRowsError);
    const bad = error as BadRowsError;
    expect(bad.code).toBe('E_FRAME_BAD_ROWS');
    expect(bad.total).toBe(4);
    expect(bad.message.replaceAll(path, 'data.csv')).toMatchInlineSnapshot(`
"data.csv: 4 bad rows; pass onBadRow: 'skip' to drop them and keep the good rows
  data.csv:3: expected 3 fields, found 2
  data.csv:6: column "amount": "abc" is not a valid float64
  data.csv:9: expected 3 fields, found 4
  data.csv:10: unexpected character after a closing quote"
`);
  });

  it('lists at most ten bad rows but counts them all', async () => {
    const lines = ['a,b'];
    for (let i = 0; i < 25; i++) lines.push(i % 2 ? `${i},${i}` : `${i}`);
    const error = (await readCsv(csv(lines.join('\n'))).catch((e: unknown) => e)) as BadRowsError;
    expect(error.total).toBe(13);
    expect(error.badRows).toHaveLength(10);
    expect(error.message).toMatch(/13 bad rows \(first 10 listed\)/);
    expect(error.badRows[9].line).toBe(20);
  });

  it('does not let a stray quote swallow the good rows after it', async () => {
    // Line 3 opens a quote that is closed on line 5: without recovery lines 3-5 would be one bad row.
    const path = csv('a,b,c\n1,2,3\n4,"5,6\n7,8,9\n10,11,"12"x\n13,14,15\n');
    const { frame, badRows } = await readCsv(path, { onBadRow: 'skip' });
    expect(frame.toRows().map((r) => r.a)).toEqual([1, 7, 13]);
    expect(badRows.map((r) => r.line)).toEqual([3, 5]);
  });

  it('reports an unterminated quote at end of file and keeps the rows after its line', async () => {
    const path = csv('a,b\n1,2\n3,"never closed\n5,6\n7,8\n');
    for (const highWaterMark of [2, 1 << 20]) {
      const { frame, badRows } = await readCsv(path, { onBadRow: 'skip', highWaterMark });
      expect(frame.toRows().map((r) => r.a)).toEqual([1, 5, 7]);
      expect(badRows).toEqual([{ path, line: 3, reason: 'unterminated quoted field (no closing quote before end of file)' }]);
    }
  });

  it('counts lines correctly after rows with embedded newlines and CRLF endings', async () => {
    const path = csv('a,b\r\n"x\r\ny",1\r\n"p\nq\nr",2\r\nbad\r\nz,3\r\n');
    const { frame, badRows } = await readCsv(path, { onBadRow: 'skip' });
    expect(frame.rowCount).toBe(3);
    expect(badRows).toEqual([{ path, line: 7, reason: 'expected 2 fields, found 1' }]);
  });
});

describe('readCsv: agreement with other constructors', () => {
  it('digests like the same data built from rows', async () => {
    const path = csv('x,c\n1.5,a\n,b\n3,a\n');
    const fromCsv = (await readCsv(path)).frame;
    const fromRows = Frame.fromRows(
      [
        { x: 1.5, c: 'a' },
        { x: null, c: 'b' },
        { x: 3, c: 'a' },
      ],
      { x: 'float64', c: 'category' },
    );
    expect(digestFrame(fromCsv)).toBe(digestFrame(fromRows));
  });
});
