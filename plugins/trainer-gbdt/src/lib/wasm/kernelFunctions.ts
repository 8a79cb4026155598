import { I32, op, V128, type WasmFunction } from './wasmBytes';

/** Features per histogram pass: each row's id and gradient pair are loaded once for four bins. */
export const GROUP = 4;
/** log2 of the bytes per histogram bin: `[Σg, Σh, count, unused]` as f64 (Σg, Σh in one SIMD add). */
const BIN_SHIFT = 5;
const F32 = 0x7d;

/**
 * `hist(rows, m, gh, b0..b3, h0..h3)`: for m rows, adds each row's `[g, h]` (16 bytes at `gh`,
 * stepping 16 per row) and 1 to bin `bins[bk + r]` of histogram `hk`, for the four features k.
 * Gathered: `r` is read from `rows` (4 bytes per row); identity: `r` counts up from `rows`, and
 * the counts are left alone (a whole tree's root: they are the columns' bin counts, known once).
 */
export function histFunction(name: string, gathered: boolean): WasmFunction {
  const [rows, m, gh] = [0, 1, 2];
  const b = (k: number) => 3 + k;
  const h = (k: number) => 3 + GROUP + k;
  const [end, r, o, v] = [3 + 2 * GROUP, 4 + 2 * GROUP, 5 + 2 * GROUP, 6 + 2 * GROUP];
  const addToBin = (k: number) => [
    ...op.get(h(k)), ...op.get(b(k)), ...op.get(r), ...op.i32Add, ...op.i32Load8U(), ...op.i32(BIN_SHIFT), ...op.i32Shl, ...op.i32Add, ...op.tee(o),
    ...op.get(o), ...op.v128Load(0), ...op.get(v), ...op.f64x2Add, ...op.v128Store(0),
    ...(gathered ? [...op.get(o), ...op.get(o), ...op.f64Load(16), ...op.f64(1), ...op.f64Add, ...op.f64Store(16)] : []),
  ];
  const nextRow = gathered ? [...op.get(rows), ...op.i32Load(), ...op.set(r), ...op.get(rows), ...op.i32(4), ...op.i32Add, ...op.set(rows)] : [];
  const afterRow = gathered ? [] : [...op.get(r), ...op.i32(1), ...op.i32Add, ...op.set(r)];
  const body = [
    ...(gathered ? [] : [...op.get(rows), ...op.set(r)]),
    ...op.get(gh), ...op.get(m), ...op.i32(4), ...op.i32Shl, ...op.i32Add, ...op.set(end),
    ...op.block, ...op.loop,
    ...op.get(gh), ...op.get(end), ...op.i32LtU, ...op.i32Eqz, ...op.brIf(1),
    ...nextRow,
    ...op.get(gh), ...op.v128Load(0), ...op.set(v),
    ...Array.from({ length: GROUP }, (_, k) => addToBin(k)).flat(),
    ...afterRow,
    ...op.get(gh), ...op.i32(16), ...op.i32Add, ...op.set(gh),
    ...op.br(0), ...op.end, ...op.end,
  ];
  return { name, params: 3 + 2 * GROUP, locals: [{ count: 3, type: I32 }, { count: 1, type: V128 }], body };
}

/** `gather(rows, m, gh, out)`: `out[i] = gh[rows[i]]` for the 16-byte gradient pairs. */
export function gatherFunction(): WasmFunction {
  const [rows, m, gh, out, end] = [0, 1, 2, 3, 4];
  const body = [
    ...op.get(out), ...op.get(m), ...op.i32(4), ...op.i32Shl, ...op.i32Add, ...op.set(end),
    ...op.block, ...op.loop,
    ...op.get(out), ...op.get(end), ...op.i32LtU, ...op.i32Eqz, ...op.brIf(1),
    ...op.get(out), ...op.get(gh), ...op.get(rows), ...op.i32Load(), ...op.i32(4), ...op.i32Shl, ...op.i32Add, ...op.v128Load(0), ...op.v128Store(0),
    ...op.get(rows), ...op.i32(4), ...op.i32Add, ...op.set(rows),
    ...op.get(out), ...op.i32(16), ...op.i32Add, ...op.set(out),
    ...op.br(0), ...op.end, ...op.end,
  ];
  return { name: 'gather', params: 4, locals: [{ count: 1, type: I32 }], body };
}

/**
 * `partition(rows, m, bins, table, tmp) → left`: stable partition of m row ids by
 * `table[bins[row]]` (1 = left): left rows are compacted in place, right rows go to `tmp`.
 * Branch-free (both stores, one cursor advances) because the side is unpredictable.
 */
export function partitionFunction(): WasmFunction {
  const [rows, m, bins, table, tmp] = [0, 1, 2, 3, 4];
  const [i, end, l, row, left] = [5, 6, 7, 8, 9];
  const body = [
    ...op.get(rows), ...op.tee(i), ...op.tee(l), ...op.get(m), ...op.i32(2), ...op.i32Shl, ...op.i32Add, ...op.set(end),
    ...op.block, ...op.loop,
    ...op.get(i), ...op.get(end), ...op.i32LtU, ...op.i32Eqz, ...op.brIf(1),
    ...op.get(i), ...op.i32Load(), ...op.set(row),
    ...op.get(table), ...op.get(bins), ...op.get(row), ...op.i32Add, ...op.i32Load8U(), ...op.i32Add, ...op.i32Load8U(), ...op.set(left),
    ...op.get(l), ...op.get(row), ...op.i32Store(),
    ...op.get(tmp), ...op.get(row), ...op.i32Store(),
    ...op.get(l), ...op.get(left), ...op.i32(2), ...op.i32Shl, ...op.i32Add, ...op.set(l),
    ...op.get(tmp), ...op.get(left), ...op.i32(1), ...op.i32Xor, ...op.i32(2), ...op.i32Shl, ...op.i32Add, ...op.set(tmp),
    ...op.get(i), ...op.i32(4), ...op.i32Add, ...op.set(i),
    ...op.br(0), ...op.end, ...op.end,
    ...op.get(l), ...op.get(rows), ...op.i32Sub, ...op.i32(2), ...op.i32ShrU,
  ];
  return { name: 'partition', params: 5, results: 1, locals: [{ count: 5, type: I32 }], body };
}

/**
 * `binColumn(col, n, upper, out, last)`: `out[i]` = bin of float32 `col[i]` against the ascending
 * float32 bounds `upper[0..255]` (padded with +Inf): 0 for NaN, else 1 + the first k with
 * `col[i] <= upper[k]`, capped at `last + 1`. A branch-free binary search (8 fixed steps).
 */
export function binColumnFunction(): WasmFunction {
  const [col, n, upper, out, last] = [0, 1, 2, 3, 4];
  const [end, k, v] = [5, 6, 7];
  const step = (s: number) => [
    ...op.get(k),
    ...op.get(upper), ...op.get(k), ...op.i32(2), ...op.i32Shl, ...op.i32Add, ...op.f32Load((s - 1) * 4), ...op.get(v), ...op.f32Lt,
    ...op.i32(s), ...op.i32Mul, ...op.i32Add, ...op.set(k),
  ];
  const body = [
    ...op.get(col), ...op.get(n), ...op.i32(2), ...op.i32Shl, ...op.i32Add, ...op.set(end),
    ...op.block, ...op.loop,
    ...op.get(col), ...op.get(end), ...op.i32LtU, ...op.i32Eqz, ...op.brIf(1),
    ...op.get(col), ...op.f32Load(), ...op.set(v),
    ...op.i32(0), ...op.set(k),
    ...[128, 64, 32, 16, 8, 4, 2, 1].flatMap(step),
    // out = v == v ? min(k, last) + 1 : 0
    ...op.get(out),
    ...op.get(k), ...op.get(last), ...op.get(k), ...op.get(last), ...op.i32LtU, ...op.select, ...op.i32(1), ...op.i32Add,
    ...op.i32(0), ...op.get(v), ...op.get(v), ...op.f32Eq, ...op.select,
    ...op.i32Store8(),
    ...op.get(col), ...op.i32(4), ...op.i32Add, ...op.set(col),
    ...op.get(out), ...op.i32(1), ...op.i32Add, ...op.set(out),
    ...op.br(0), ...op.end, ...op.end,
  ];
  return { name: 'binColumn', params: 5, locals: [{ count: 2, type: I32 }, { count: 1, type: F32 }], body };
}
