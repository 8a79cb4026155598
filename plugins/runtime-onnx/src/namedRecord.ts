/** `{ [name]: map(name, source[name]) }` for every name, in name order. */
export type NamedRecord<V, R> = (source: Readonly<Record<string, V>>) => Record<string, R>;

/**
 * A converter over one fixed name list (a session's inputs or outputs), compiled once per session
 * as an object literal with the names written out: the object is one allocation of a known shape
 * and every read of `source` is a named load. A loop storing the names one by one into an empty
 * object is a megamorphic keyed store per name (about 230 instructions each; a one-row `/predict`
 * of ten inputs did twenty). Names are quoted with `JSON.stringify`; a list with `__proto__` (which
 * a literal or a plain read would take for the prototype) gets the loop.
 */
export function namedRecord<V, R>(names: readonly string[], map: (name: string, value: V) => R): NamedRecord<V, R> {
  if (names.includes('__proto__')) return (source) => loop(names, source, map);
  const entries = names.map((n) => `${JSON.stringify(n)}: map(${JSON.stringify(n)}, s[${JSON.stringify(n)}])`);
  return new Function('map', `return (s) => ({${entries.join(', ')}});`)(map) as NamedRecord<V, R>;
}

function loop<V, R>(names: readonly string[], source: Readonly<Record<string, V>>, map: (name: string, value: V) => R): Record<string, R> {
  const out: Record<string, R> = {};
  for (const n of names) Object.defineProperty(out, n, { value: map(n, Object.hasOwn(source, n) ? source[n]! : (undefined as V)), enumerable: true, writable: true, configurable: true });
  return out;
}
