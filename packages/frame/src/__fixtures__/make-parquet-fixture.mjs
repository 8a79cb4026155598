// Writes sample.parquet, the fixture of readParquet.test.ts. Run once: `node make-parquet-fixture.mjs`.
//
// Why hand-written: no parquet writer is installed here (no hyparquet-writer, no pyarrow), and the
// format is simple enough for one row group of PLAIN-encoded, uncompressed pages. The output is
// checked in; hyparquet (an independent reader) parsing it is what the test relies on.
// Spec: https://github.com/apache/parquet-format (Thrift compact protocol for metadata).
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

// --- Thrift compact protocol -------------------------------------------------------------------
class Thrift {
  bytes = [];
  last = [0];
  varint(n) {
    let v = BigInt(n);
    do {
      let b = Number(v & 0x7fn);
      v >>= 7n;
      if (v > 0n) b |= 0x80;
      this.bytes.push(b);
    } while (v > 0n);
  }
  zigzag(n) {
    const v = BigInt(n);
    this.varint(v >= 0n ? v << 1n : (-v << 1n) - 1n);
  }
  field(id, type) {
    const delta = id - this.last[this.last.length - 1];
    if (delta > 0 && delta <= 15) this.bytes.push((delta << 4) | type);
    else {
      this.bytes.push(type);
      this.zigzag(id);
    }
    this.last[this.last.length - 1] = id;
  }
  i32(id, v) { this.field(id, 5); this.zigzag(v); }
  i64(id, v) { this.field(id, 6); this.zigzag(v); }
  string(id, s) { this.field(id, 8); this.binary(s); }
  binary(s) { const b = Buffer.from(s, 'utf8'); this.varint(b.length); this.bytes.push(...b); }
  struct(id, fn) { this.field(id, 12); this.last.push(0); fn(); this.bytes.push(0); this.last.pop(); }
  list(id, type, items, fn) {
    this.field(id, 9);
    if (items.length < 15) this.bytes.push((items.length << 4) | type);
    else { this.bytes.push(0xf0 | type); this.varint(items.length); }
    for (const item of items) fn(item);
  }
  listStruct(id, items, fn) {
    this.list(id, 12, items, (item) => { this.last.push(0); fn(item); this.bytes.push(0); this.last.pop(); });
  }
}

// --- Column encoding ---------------------------------------------------------------------------
const T = { BOOLEAN: 0, INT32: 1, INT64: 2, FLOAT: 4, DOUBLE: 5, BYTE_ARRAY: 6 };
const CT = { UTF8: 0, DATE: 6, TIMESTAMP_MILLIS: 9 };

function plain(type, values) {
  const out = [];
  if (type === T.BOOLEAN) {
    const bytes = new Uint8Array(Math.ceil(values.length / 8));
    values.forEach((v, i) => { if (v) bytes[i >> 3] |= 1 << (i & 7); });
    return Buffer.from(bytes);
  }
  for (const v of values) {
    const b = Buffer.alloc(type === T.INT32 || type === T.FLOAT ? 4 : type === T.BYTE_ARRAY ? 4 + Buffer.byteLength(v) : 8);
    if (type === T.INT32) b.writeInt32LE(v);
    else if (type === T.FLOAT) b.writeFloatLE(v);
    else if (type === T.INT64) b.writeBigInt64LE(BigInt(v));
    else if (type === T.DOUBLE) b.writeDoubleLE(v);
    else { b.writeUInt32LE(Buffer.byteLength(v)); b.write(v, 4, 'utf8'); }
    out.push(b);
  }
  return Buffer.concat(out);
}

/** Definition levels (bit width 1) as one bit-packed run of the RLE/bit-packing hybrid. */
function definitionLevels(values) {
  const groups = Math.ceil(values.length / 8);
  const run = new Thrift();
  run.varint((groups << 1) | 1);
  const bits = new Uint8Array(groups);
  values.forEach((v, i) => { if (v !== null) bits[i >> 3] |= 1 << (i & 7); });
  const body = Buffer.concat([Buffer.from(run.bytes), Buffer.from(bits)]);
  const length = Buffer.alloc(4);
  length.writeUInt32LE(body.length);
  return Buffer.concat([length, body]);
}

function page(column) {
  const present = column.values.filter((v) => v !== null);
  const data = Buffer.concat([column.optional ? definitionLevels(column.values) : Buffer.alloc(0), plain(column.type, present)]);
  const h = new Thrift();
  h.i32(1, 0); // DATA_PAGE
  h.i32(2, data.length);
  h.i32(3, data.length);
  h.struct(5, () => {
    h.i32(1, column.values.length);
    h.i32(2, 0); // PLAIN
    h.i32(3, 3); // RLE
    h.i32(4, 3); // RLE
  });
  h.bytes.push(0);
  return Buffer.concat([Buffer.from(h.bytes), data]);
}

// --- The fixture -------------------------------------------------------------------------------
const columns = [
  { name: 'price', type: T.DOUBLE, optional: true, values: [1.5, null, -2.25, NaN] },
  { name: 'qty', type: T.INT32, optional: false, values: [1, 2, 3, -4] },
  { name: 'big', type: T.INT64, optional: true, values: [10, null, 30, 9007199254740991] },
  { name: 'ok', type: T.BOOLEAN, optional: true, values: [true, false, null, true] },
  { name: 'city', type: T.BYTE_ARRAY, converted: CT.UTF8, optional: true, values: ['Paris', 'Oslo', null, 'Paris'] },
  { name: 'at', type: T.INT64, converted: CT.TIMESTAMP_MILLIS, optional: true, values: [Date.UTC(2024, 0, 2, 3, 4, 5, 6), null, 0, 86400000] },
  { name: 'day', type: T.INT32, converted: CT.DATE, optional: false, values: [0, 1, 19723, -1] },
  { name: 'ratio', type: T.FLOAT, optional: false, values: [0.5, 0.25, -1, 2] },
];
const rows = 4;

const chunks = [Buffer.from('PAR1')];
let offset = 4;
const placed = columns.map((column) => {
  const bytes = page(column);
  const at = offset;
  chunks.push(bytes);
  offset += bytes.length;
  return { column, at, size: bytes.length };
});

const m = new Thrift();
m.i32(1, 1);
m.listStruct(2, [{ root: true }, ...columns], (c) => {
  if (c.root) {
    m.string(4, 'schema');
    m.i32(5, columns.length);
    return;
  }
  m.i32(1, c.type);
  m.i32(3, c.optional ? 1 : 0);
  m.string(4, c.name);
  if (c.converted !== undefined) m.i32(6, c.converted);
});
m.i64(3, rows);
m.listStruct(4, [0], () => {
  m.listStruct(1, placed, ({ column, at, size }) => {
    m.i64(2, at);
    m.struct(3, () => {
      m.i32(1, column.type);
      m.list(2, 5, [0, 3], (e) => m.zigzag(e));
      m.list(3, 8, [column.name], (s) => m.binary(s));
      m.i32(4, 0); // UNCOMPRESSED
      m.i64(5, rows);
      m.i64(6, size);
      m.i64(7, size);
      m.i64(9, at);
    });
  });
  m.i64(2, placed.reduce((n, p) => n + p.size, 0));
  m.i64(3, rows);
});
m.string(6, 'mlops make-parquet-fixture.mjs');
m.bytes.push(0);
const footer = Buffer.from(m.bytes);
const length = Buffer.alloc(4);
length.writeUInt32LE(footer.length);
chunks.push(footer, length, Buffer.from('PAR1'));
writeFileSync(join(here, 'sample.parquet'), Buffer.concat(chunks));
console.log('wrote sample.parquet');
