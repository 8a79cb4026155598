import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  Bool,
  DateDay,
  Dictionary,
  Float32,
  Int32,
  Int64,
  List,
  Field,
  TimestampMicrosecond,
  Uint8,
  Utf8,
  makeTable,
  tableFromArrays,
  tableToIPC,
  vectorFromArray,
  Table,
} from 'apache-arrow';
import { UnsupportedTypeError } from '../errors/errors';
import { frameFromArrowTable } from './frameFromArrowTable';
import { readArrow } from './readArrow';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'frame-arrow-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readArrow / frameFromArrowTable', () => {
  const table = tableFromArrays({
    f: new Float64Array([1.5, NaN, -3]),
    i: new Int32Array([1, 2, 3]),
    s: ['a', null, 'b'],
    b: [true, null, false],
  });

  it('reads Arrow IPC files and streams written with tableToIPC', async () => {
    for (const format of ['file', 'stream'] as const) {
      const path = join(dir, `t.${format}.arrow`);
      writeFileSync(path, tableToIPC(table, format));
      const frame = await readArrow(path);
      expect(frame.schema()).toEqual([
        { name: 'f', dtype: 'float64', nullable: false },
        { name: 'i', dtype: 'int32', nullable: false },
        { name: 's', dtype: 'category', nullable: true },
        { name: 'b', dtype: 'bool', nullable: true },
      ]);
      expect(frame.toRows()).toEqual([
        { f: 1.5, i: 1, s: 'a', b: true },
        { f: NaN, i: 2, s: null, b: null },
        { f: -3, i: 3, s: 'b', b: false },
      ]);
    }
  });

  it('maps wider ints, small unsigned ints, floats, dates and timestamps', () => {
    const frame = frameFromArrowTable(
      new Table({
        big: vectorFromArray([1n, null, 2n ** 40n], new Int64()),
        small: vectorFromArray([255, 0, null], new Uint8()),
        f32: vectorFromArray([0.5, null, 2], new Float32()),
        day: vectorFromArray([new Date(86400000), null, new Date(0)], new DateDay()),
        us: vectorFromArray([1.5, 2, null], new TimestampMicrosecond()),
        utf8: vectorFromArray(['x', 'y', null], new Utf8()),
        dict: vectorFromArray(['p', 'q', 'p'], new Dictionary(new Utf8(), new Int32())),
        flag: vectorFromArray([false, true, true], new Bool()),
      }),
    );
    expect(frame.schema().map((s) => s.dtype)).toEqual(['float64', 'int32', 'float64', 'timestamp', 'timestamp', 'category', 'category', 'bool']);
    expect(frame.toRows()).toEqual([
      { big: 1, small: 255, f32: 0.5, day: new Date(86400000), us: new Date(1.5), utf8: 'x', dict: 'p', flag: false },
      { big: null, small: 0, f32: null, day: null, us: new Date(2), utf8: 'y', dict: 'q', flag: true },
      { big: 2 ** 40, small: null, f32: 2, day: new Date(0), us: null, utf8: null, dict: 'p', flag: true },
    ]);
  });

  it('handles multiple record batches and sliced tables', () => {
    const batches = table.concat(table).slice(2, 5);
    const frame = frameFromArrowTable(batches);
    expect(frame.toRows().map((r) => [r.i, r.s])).toEqual([
      [3, 'b'],
      [1, 'a'],
      [2, null],
    ]);
  });

  it('names a column whose type cannot be represented', () => {
    const nested = makeTable({ ok: new Int32Array([1]) });
    const withList = new Table({
      ok: nested.getChild('ok')!,
      xs: vectorFromArray([[1, 2]], new List(new Field('item', new Int32()))),
    });
    expect(() => frameFromArrowTable(withList)).toThrow(UnsupportedTypeError);
    expect(() => frameFromArrowTable(withList)).toThrow(/column "xs" has type List<Int32>/);
  });
});
