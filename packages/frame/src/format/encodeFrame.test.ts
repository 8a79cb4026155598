import { boolColumn, categoryColumn, float64Column, int32Column, timestampColumn } from '../column/createColumn';
import { FrameFormatError } from '../errors/errors';
import { Frame } from '../frame/Frame';
import { digestFrame } from '../digest/digestFrame';
import { decodeFrame } from './decodeFrame';
import { encodeFrame } from './encodeFrame';

const sample = (): Frame =>
  Frame.fromColumns({
    price: float64Column([1.25, NaN, -0, 4], [0, 0, 0, 1]),
    qty: int32Column([1, -2, 3, 0], [0, 0, 1, 0]),
    ok: boolColumn([true, false, true, false], [0, 1, 0, 0]),
    city: categoryColumn([1, -1, 0, 1], ['Oslo', 'São Paulo "SP"']),
    at: timestampColumn([Date.UTC(2024, 1, 29, 12), 0.5, NaN, -86400000], [0, 0, 1, 0]),
    'odd name ✓': float64Column([Infinity, -Infinity, 5e-324, 1.7976931348623157e308]),
  });

function bitsOf(values: Float64Array): string[] {
  return Array.from(new Uint32Array(values.buffer, values.byteOffset, values.length * 2), (w) => w.toString(16));
}

describe('encodeFrame / decodeFrame', () => {
  it('round-trips every dtype exactly, keeping NaN apart from null', () => {
    const frame = sample();
    const decoded = decodeFrame(encodeFrame(frame));
    expect(decoded.names).toEqual(frame.names);
    expect(decoded.schema()).toEqual(frame.schema());
    expect(decoded.toRows()).toEqual(frame.toRows());
    const price = decoded.column('price');
    expect(Number.isNaN(price.data[1]) && price.nulls![1]).toBe(0); // NaN value, not null
    expect(price.nulls![3]).toBe(1);
    expect(Object.is(price.data[2], -0)).toBe(true);
    expect(bitsOf(decoded.column('odd name ✓').data as Float64Array)).toEqual(bitsOf(frame.column('odd name ✓').data as Float64Array));
    expect(digestFrame(decoded)).toBe(digestFrame(frame));
  });

  it('maps aligned buffers without copying', () => {
    const bytes = encodeFrame(sample());
    const decoded = decodeFrame(bytes);
    expect(decoded.column('price').data.buffer).toBe(bytes.buffer);
    expect(decoded.column('qty').data.buffer).toBe(bytes.buffer);
    // Misaligned input still decodes (by copying the affected buffers).
    const shifted = new Uint8Array(bytes.length + 1).subarray(1);
    shifted.set(bytes);
    const copy = decodeFrame(shifted);
    expect(copy.column('price').data.buffer).not.toBe(shifted.buffer);
    expect(copy.toRows()).toEqual(decoded.toRows());
  });

  it('round-trips empty frames and slices', () => {
    expect(decodeFrame(encodeFrame(Frame.fromColumns({}))).names).toEqual([]);
    const sliced = sample().slice(1, 3);
    expect(decodeFrame(encodeFrame(sliced)).toRows()).toEqual(sliced.toRows());
    const empty = sample().slice(0, 0);
    expect(decodeFrame(encodeFrame(empty)).schema().map((s) => s.dtype)).toEqual(empty.schema().map((s) => s.dtype));
  });

  it('starts with magic, version and header length, and aligns the body', () => {
    const bytes = encodeFrame(sample());
    expect(Buffer.from(bytes.subarray(0, 4)).toString('latin1')).toBe('MLFR');
    const view = new DataView(bytes.buffer);
    expect(view.getUint32(4, true)).toBe(1);
    const header = JSON.parse(Buffer.from(bytes.subarray(16, 16 + view.getUint32(8, true))).toString('utf8'));
    expect(header.rowCount).toBe(4);
    expect(header.columns[3]).toMatchObject({ name: 'city', dtype: 'category', dictionary: ['Oslo', 'São Paulo "SP"'] });
    for (const c of header.columns) expect(c.data.offset % 8).toBe(0);
  });

  it('rejects wrong magic, unknown versions and truncated input with clear errors', () => {
    const bytes = encodeFrame(sample());
    expect(() => decodeFrame(new Uint8Array(3))).toThrow('not an encoded frame: 3 bytes is shorter than the 16-byte preamble');
    const wrongMagic = bytes.slice();
    wrongMagic[0] = 0x50;
    expect(() => decodeFrame(wrongMagic)).toThrow('not an encoded frame: wrong magic bytes (expected "MLFR")');
    const wrongVersion = bytes.slice();
    new DataView(wrongVersion.buffer).setUint32(4, 9, true);
    expect(() => decodeFrame(wrongVersion)).toThrow('encoded frame has format version 9; this build reads version 1');
    expect(() => decodeFrame(bytes.subarray(0, 40))).toThrow(/encoded frame is truncated: the header needs \d+ bytes, only 40 present/);
    expect(() => decodeFrame(bytes.subarray(0, bytes.length - 8))).toThrow(/truncated: column "odd name ✓" data needs/);
    expect(() => decodeFrame(bytes.subarray(0, 17))).toThrow(FrameFormatError);
  });

  it('rejects a corrupt header', () => {
    const bytes = encodeFrame(Frame.fromColumns({ a: categoryColumn([0], ['x']) }));
    const text = Buffer.from(bytes).toString('latin1').replace('"category"', '"categorx"');
    expect(() => decodeFrame(Buffer.from(text, 'latin1'))).toThrow('encoded frame has an invalid header: column #0: unknown dtype "categorx"');
    const codes = bytes.slice();
    const headerEnd = 16 + new DataView(codes.buffer).getUint32(8, true);
    new DataView(codes.buffer).setInt32((headerEnd + 7) & ~7, 5, true);
    expect(() => decodeFrame(codes)).toThrow('category code 5 at row 0 is outside a dictionary of 1 entries');
  });
});
