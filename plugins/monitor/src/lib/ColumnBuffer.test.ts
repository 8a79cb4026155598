import type { TensorData } from '@mlops/core';
import { appendColumn, createColumnBuffer } from './ColumnBuffer';

/** The column's bytes so far. */
const bytesOf = (c: { bytes: Uint8Array; used: number }) => c.bytes.slice(0, c.used);
const bytes = (typed: ArrayBufferView) => new Uint8Array(typed.buffer, typed.byteOffset, typed.byteLength).slice();

describe('appendColumn', () => {
  it('appends short runs (stored value by value) and long runs (set) of each type bit for bit, growing the buffer', () => {
    const cases = [
      ['float32', (n: number) => Float32Array.from({ length: n }, (_, i) => i / 3 - 7)],
      ['float64', (n: number) => Float64Array.from({ length: n }, (_, i) => -i / 7 + 1e-300)],
      ['int32', (n: number) => Int32Array.from({ length: n }, (_, i) => i * 1_000_003 - 2 ** 30)],
      ['int64', (n: number) => BigInt64Array.from({ length: n }, (_, i) => BigInt(i) * 9_007_199_254_740_993n - 2n ** 62n)],
      ['uint8', (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 37) & 255)],
    ] as const;
    for (const [type, make] of cases as readonly (readonly [(typeof cases)[number][0], (n: number) => Exclude<TensorData, string[]>])[]) {
      // 8 bytes to start: every run after the first makes it grow.
      const column = createColumnBuffer(type, 8);
      const runs = [1, 3, 16, 17, 40, 2].map(make);
      for (const run of runs) appendColumn(column, run, run.byteLength);
      expect(bytesOf(column)).toEqual(Uint8Array.from(runs.flatMap((r) => [...bytes(r)])));
    }
  });

  it('keeps NaN payloads in short float runs (copied with set instead of through a JS number)', () => {
    const f32 = new Float32Array(3);
    new Uint32Array(f32.buffer).set([0x3f800000, 0x7fa00001, 0xffc12345]); // 1, a signalling NaN, a negative quiet NaN with a payload
    const f64 = new Float64Array(2);
    new Uint32Array(f64.buffer).set([0x00000001, 0x7ff00000, 0, 0x3ff00000]); // a signalling NaN, 1
    for (const [type, run] of [['float32', f32], ['float64', f64]] as const) {
      const column = createColumnBuffer(type, 256);
      appendColumn(column, run, run.byteLength);
      appendColumn(column, run, run.byteLength);
      expect(bytesOf(column)).toEqual(Uint8Array.from([...bytes(run), ...bytes(run)]));
    }
  });

  it('copies another type of the same element size bytewise (the layout checks sizes only)', () => {
    const column = createColumnBuffer('float32', 256);
    const floats = Float32Array.of(1.5, -2);
    const ints = Int32Array.of(7, -1);
    appendColumn(column, floats, floats.byteLength);
    appendColumn(column, ints, ints.byteLength);
    appendColumn(column, floats.subarray(1), 4);
    expect(bytesOf(column)).toEqual(Uint8Array.from([...bytes(floats), ...bytes(ints), ...bytes(floats.subarray(1))]));
  });
});
