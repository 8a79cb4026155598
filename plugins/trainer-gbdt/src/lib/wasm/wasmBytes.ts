/**
 * Just enough of the WebAssembly binary format (https://webassembly.github.io/spec/core/binary/)
 * to write the histogram kernel from TypeScript: LEB128 numbers, sections, and the few
 * instructions the kernel uses. No toolchain and no binary blob in the repository.
 */

/** Value types. */
export const I32 = 0x7f;
export const F64 = 0x7c;
export const V128 = 0x7b;

export function uleb(v: number): number[] {
  const out: number[] = [];
  do {
    let b = v & 0x7f;
    v >>>= 7;
    if (v) b |= 0x80;
    out.push(b);
  } while (v);
  return out;
}

export function sleb(v: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = v & 0x7f;
    v >>= 7;
    if ((v === 0 && !(b & 0x40)) || (v === -1 && b & 0x40)) return [...out, b];
    out.push(b | 0x80);
  }
}

/** A length-prefixed vector of already-encoded items. */
export const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const name = (s: string): number[] => vec([...Buffer.from(s, 'utf8')].map((b) => [b]));
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];

/** Instructions used by the kernel; memory offsets are constant byte offsets added to the address. */
export const op = {
  get: (i: number) => [0x20, ...uleb(i)],
  set: (i: number) => [0x21, ...uleb(i)],
  tee: (i: number) => [0x22, ...uleb(i)],
  i32: (v: number) => [0x41, ...sleb(v)],
  f64: (v: number) => [0x44, ...new Uint8Array(Float64Array.of(v).buffer)],
  i32Add: [0x6a],
  i32Sub: [0x6b],
  i32Mul: [0x6c],
  i32Xor: [0x73],
  i32Shl: [0x74],
  i32ShrU: [0x76],
  i32LtU: [0x49],
  i32Eqz: [0x45],
  f32Lt: [0x5d],
  f32Eq: [0x5b],
  f64Add: [0xa0],
  select: [0x1b],
  i32Load: (offset = 0) => [0x28, 2, ...uleb(offset)],
  i32Store: (offset = 0) => [0x36, 2, ...uleb(offset)],
  i32Load8U: (offset = 0) => [0x2d, 0, ...uleb(offset)],
  i32Store8: (offset = 0) => [0x3a, 0, ...uleb(offset)],
  f32Load: (offset = 0) => [0x2a, 2, ...uleb(offset)],
  f64Load: (offset = 0) => [0x2b, 3, ...uleb(offset)],
  f64Store: (offset = 0) => [0x39, 3, ...uleb(offset)],
  v128Load: (offset = 0) => [0xfd, ...uleb(0), 4, ...uleb(offset)],
  v128Store: (offset = 0) => [0xfd, ...uleb(11), 4, ...uleb(offset)],
  f64x2Add: [0xfd, ...uleb(240)],
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  br: (depth: number) => [0x0c, ...uleb(depth)],
  brIf: (depth: number) => [0x0d, ...uleb(depth)],
  end: [0x0b],
};

/** One exported function: its i32 parameter count, i32 result count (0 or 1), extra locals, and body (without the final `end`). */
export interface WasmFunction {
  name: string;
  params: number;
  results?: number;
  locals: { count: number; type: number }[];
  body: number[];
}

/**
 * A module importing its memory as `env.memory` and exporting `functions` (all `(i32…) → (i32?)`).
 * `shared`: the memory is a shared one (threads), which must declare a maximum (4 GiB here).
 */
export function encodeWasmModule(functions: readonly WasmFunction[], shared = false): Uint8Array {
  const i32s = (count: number) => vec(Array.from({ length: count }, () => [I32]));
  const types = functions.map((f) => [0x60, ...i32s(f.params), ...i32s(f.results ?? 0)]);
  const bodies = functions.map((f) => {
    const code = [...vec(f.locals.map((l) => [...uleb(l.count), l.type])), ...f.body, ...op.end];
    return [...uleb(code.length), ...code];
  });
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vec(types)),
    ...section(2, vec([[...name('env'), ...name('memory'), 0x02, ...(shared ? [0x03, ...uleb(1), ...uleb(65536)] : [0x00, ...uleb(1)])]])),
    // One type per function, in order.
    ...section(3, vec(functions.map((_, i) => uleb(i)))),
    ...section(7, vec(functions.map((f, i) => [...name(f.name), 0x00, ...uleb(i)]))),
    ...section(10, vec(bodies)),
  ]);
}
