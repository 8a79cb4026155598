// The fuzz test's body generator, shared with the hostile-input test.

/** Seeded PRNG so a failure reproduces. */
export function prng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

export const valid = { a: 0.5, b: -1, c: null };

/** A random body: random JSON, a mutated valid body, broken JSON or random bytes. */
export function randomBody(r: () => number): { raw: string | Buffer; type: string } {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const scalar = () => pick<unknown>([null, true, false, 0, -1, 1e308, -1e-308, 3.5, '', 'a', '0', '1.5', 'NaN', '\u0000', '🙂', [], {}]);
  const json = (depth: number): unknown => {
    if (depth > 3 || r() < 0.4) return scalar();
    if (r() < 0.5) return Array.from({ length: Math.floor(r() * 4) }, () => json(depth + 1));
    return Object.fromEntries(Array.from({ length: Math.floor(r() * 4) }, () => [pick(['a', 'b', 'c', 'd', 'row', 'rows', 'entities', '__proto__', 'constructor', '']), json(depth + 1)]));
  };
  const mutated = () => {
    const row: Record<string, unknown> = { ...valid };
    const key = pick(['a', 'b', 'c', 'x', '__proto__', 'toString']);
    const op = r();
    if (op < 0.3) delete row[key];
    else row[key] = scalar();
    return r() < 0.5 ? { row } : { rows: Array.from({ length: 1 + Math.floor(r() * 3) }, () => (r() < 0.5 ? row : valid)) };
  };
  const kind = r();
  const type = r() < 0.9 ? 'application/json' : pick(['text/plain', 'application/jsonx', '', 'application/json; charset=latin1', 'multipart/form-data']);
  if (kind < 0.3) return { raw: JSON.stringify(json(0)) ?? 'null', type };
  if (kind < 0.65) return { raw: JSON.stringify(mutated()), type };
  if (kind < 0.8) {
    const text = JSON.stringify(mutated());
    return { raw: text.slice(0, Math.floor(r() * text.length)), type };
  }
  if (kind < 0.9) return { raw: Buffer.from(Array.from({ length: Math.floor(r() * 200) }, () => Math.floor(r() * 256))), type };
  // Deep nesting: JSON.parse must fail cleanly or the schema must refuse it.
  const depth = Math.floor(r() * 5000);
  return { raw: `{"row":${'['.repeat(depth)}${']'.repeat(depth)}}`, type };
}

