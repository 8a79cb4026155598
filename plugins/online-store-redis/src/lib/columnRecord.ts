/**
 * A builder of `{ [keys[i]]: columns[i] }`. Adding 50 properties one by one to an empty object walks
 * V8 through 50 hidden-class transitions (3–5 µs, as much as decoding a one-entity read of 50
 * features); an object literal with the keys written out is one allocation. So the literal is
 * compiled once per feature list, from `JSON.stringify`-quoted keys (a safe literal key for any
 * string). `__proto__` as a literal key would set the prototype, and repeated keys would collapse:
 * such lists get a plain loop.
 */
export function columnRecord<T>(keys: readonly string[]): (columns: readonly T[]) => Record<string, T> {
  if (keys.includes('__proto__') || new Set(keys).size !== keys.length) {
    // fromEntries defines properties: `__proto__` stays an own key (an assignment would set the prototype).
    return (columns) => Object.fromEntries(keys.map((k, i) => [k, columns[i]!])) as Record<string, T>;
  }
  return new Function('c', `return {${keys.map((k, i) => `${JSON.stringify(k)}: c[${i}]`).join(', ')}};`) as (columns: readonly T[]) => Record<string, T>;
}
