import { JsonStrings } from './JsonStrings';
import { RequestColumns, requestColumnText } from './RequestColumns';

const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** Seeded ids of 1–128 characters: plain ASCII, JSON escapes, accents, CJK, emoji (surrogate pairs), lone surrogates. */
function ids(n: number): string[] {
  let s = 7;
  const rnd = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const pieces = ['a', 'Z', '0', '-', '"', '\\', '\n', '\u0000', '\u007f', 'é', '日本', '😀', '\ud800', '\udfff', '/', ' '];
  return Array.from({ length: n }, (_, i) => {
    const length = 1 + Math.floor(rnd() * 128);
    let id = i % 3 === 0 ? `${i.toString(36)}-` : '';
    while (id.length < length) id += rnd() < 0.7 ? String.fromCharCode(0x21 + Math.floor(rnd() * 94)) : pieces[Math.floor(rnd() * pieces.length)]!;
    return id;
  });
}

describe('JsonStrings', () => {
  it('holds exactly the JSON text JSON.stringify gives for the same list, growing from a 16-byte buffer', () => {
    const values = ids(2_000);
    const list = new JsonStrings(0);
    for (let i = 0; i < values.length; i++) {
      list.push(values[i]!);
      // Checked along the way too: json() copies, the list goes on growing after it.
      if (i === 0 || i === 37 || i === 1_000) expect(decode(list.json())).toBe(JSON.stringify(values.slice(0, i + 1)));
    }
    expect(list.length).toBe(2_000);
    const text = decode(list.json());
    expect(text).toBe(JSON.stringify(values));
    expect(JSON.parse(text)).toEqual(values);
    expect(list.byteLength + 1).toBe(Buffer.byteLength(text));
  });

  it('round-trips ids exactly, lone surrogates included (escaped as \\uXXXX by JSON.stringify, as the log always did)', () => {
    const list = new JsonStrings(16);
    list.push('a\ud800b');
    expect(decode(list.json())).toBe('["a\\ud800b"]');
    expect(JSON.parse(decode(list.json()))).toEqual(['a\ud800b']);
  });

  it('round-trips plain, escaped and non-ASCII ids exactly', () => {
    const values = ['', 'plain-1', 'quote"d', 'back\\slash', 'tab\there', 'ünïcödé', '漢字', '🙂x', 'a'.repeat(128)];
    const list = new JsonStrings(16);
    for (const v of values) list.push(v);
    expect(JSON.parse(decode(list.json()))).toEqual(values);
    expect(decode(list.json())).toBe(JSON.stringify(values));
  });

  it('is an empty array before any push', () => {
    expect(decode(new JsonStrings().json())).toBe('[]');
  });
});

describe('RequestColumns', () => {
  it('keeps ids, rows and latencies (rounded to µs) in order past several doublings, as the JSON text the log stores', () => {
    const values = ids(5_000);
    const requests = new RequestColumns();
    values.forEach((id, i) => requests.add(id, (i % 9) + 1, i / 7));
    expect(requests.length).toBe(5_000);
    const encoded = requests.encode();
    expect(encoded.rows).toBeInstanceOf(Int32Array);
    expect(encoded.latencyMs).toBeInstanceOf(Float64Array);
    expect(requestColumnText(encoded.ids)).toBe(JSON.stringify(values));
    expect(requestColumnText(encoded.rows)).toBe(JSON.stringify(values.map((_, i) => (i % 9) + 1)));
    expect(requestColumnText(encoded.latencyMs)).toBe(JSON.stringify(values.map((_, i) => Math.round((i / 7) * 1000) / 1000)));
    // Copies of their own: adding more changes neither them nor a later encode's first entries.
    requests.add('later', 3, 1.5);
    expect(encoded.rows.length).toBe(5_000);
    expect(Array.from(requests.encode().rows.subarray(-2))).toEqual([(4_999 % 9) + 1, 3]);
  });
});
