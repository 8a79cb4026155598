/** Builds `{ [keys[c]]: at(source, c) }` for every key, in key order, as one object literal. */
export type FixedKeyRecord = <S, V>(source: S, at: (source: S, c: number) => V) => Record<string, V>;

/**
 * A builder of records over one fixed key list (a model's inputs), compiled once per list. Storing
 * the keys one by one into an empty object is a megamorphic keyed store per key (the store site
 * sees every key), about 230 instructions each, more than the rest of building a one-row request's
 * feeds; an object literal with the keys written out is one allocation of a known shape. Keys are
 * quoted with `JSON.stringify` (any string is a safe literal key that way); `__proto__` is written
 * as a computed key, which defines an own property instead of setting the prototype. A repeated
 * key keeps its first position and its last value, as repeated stores would.
 */
export function fixedKeyRecord(keys: readonly string[]): FixedKeyRecord {
  const entries = keys.map((k, c) => `${k === '__proto__' ? `[${JSON.stringify(k)}]` : JSON.stringify(k)}: at(s, ${c})`);
  return new Function('s', 'at', `return {${entries.join(', ')}};`) as FixedKeyRecord;
}
