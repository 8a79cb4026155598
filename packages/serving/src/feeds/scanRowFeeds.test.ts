import { describe, expect, it } from '@jest/globals';
import type { SignatureColumn } from '@mlops/core';
import type { FeedSpec } from './FeedSpec';
import { rowScanPlan, scanRowFeeds } from './scanRowFeeds';
import { validatedRowFeeds } from './validatedRowFeeds';

const columns: SignatureColumn[] = [
  { name: 'a', type: 'double' },
  { name: 'b', type: 'float', nullable: true },
  { name: 'n', type: 'int' },
  { name: 'é x', type: 'double' },
];
const specs: FeedSpec[] = [
  { name: 'a', kind: 'float64', nullable: false },
  { name: 'b', kind: 'float32', nullable: true },
  { name: 'n', kind: 'int64', nullable: false },
  { name: 'é x', kind: 'float32', nullable: false },
];
const plan = rowScanPlan(columns, specs, 5)!;
const scan = (text: string) => scanRowFeeds(Buffer.from(text, 'utf8'), plan);

/** What the JSON.parse path makes of the same body (undefined when it would not take it as feeds either). */
function parsed(text: string) {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  const b = body as { rows?: unknown; row?: unknown };
  const items = Object.keys(b as object).length !== 1 ? undefined : Array.isArray(b.rows) ? b.rows : b.row !== undefined && !('rows' in b) ? [b.row] : undefined;
  if (!items || items.length === 0 || items.length > 5) return undefined;
  const feeds = validatedRowFeeds(items, columns, specs, true);
  return feeds && { feeds, rows: items.length };
}

describe('scanRowFeeds', () => {
  it('reads numbers exactly as JSON.parse does, into the same typed columns', () => {
    let s = 7;
    const rnd = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
    const spellings = [
      (x: number) => String(x),
      (x: number) => x.toFixed(4),
      (x: number) => x.toExponential(3),
      (x: number) => x.toPrecision(17),
      (x: number) => x.toFixed(20),
      (x: number) => `${x.toExponential(2).replace('e+', 'E')}`,
    ];
    for (let t = 0; t < 400; t++) {
      const num = () => spellings[t % spellings.length]!((rnd() - 0.5) * 10 ** Math.floor(rnd() * 60 - 30));
      const rows = Array.from({ length: 1 + (t % 5) }, () => `{"a":${num()},"b":${t % 3 ? num() : 'null'},"n":${Math.floor((rnd() - 0.5) * 1e6)},"é x":${num()}}`);
      const text = t % 2 ? `{"rows":[${rows.join(',')}]}` : ` { "rows" : [ ${rows.join(' , ')} ] } `;
      const got = scan(text);
      expect(got).toBeTruthy();
      expect(got).toEqual(parsed(text));
    }
    for (const x of ['0', '-0', '0.1', '1e22', '1e23', '9007199254740993', '123456789012345678', '1.7976931348623157e308', '5e-324', '4.9406564584124654e-324', '0.30000000000000004', '2.2250738585072011e-308']) {
      const text = `{"row":{"a":${x},"b":1,"n":1,"é x":0}}`;
      const got = scan(text)!;
      expect(Object.is((got.feeds.a!.data as Float64Array)[0], JSON.parse(x) as number)).toBe(true);
    }
  });

  it('takes columns in any order, and null only where the signature allows it', () => {
    expect(scan('{"row":{"n":2,"é x":1,"b":null,"a":0.5}}')).toEqual(parsed('{"row":{"a":0.5,"b":null,"n":2,"é x":1}}'));
    expect((scan('{"row":{"a":1,"b":null,"n":2,"é x":1}}')!.feeds.b!.data as Float32Array)[0]).toBeNaN();
    expect(scan('{"row":{"a":null,"b":1,"n":2,"é x":1}}')).toBeUndefined();
  });

  it('leaves to the JSON.parse path whatever it does not take as it is', () => {
    const refused = [
      '{"row":{"a":1,"b":1,"n":2}}', // missing field
      '{"row":{"a":1,"b":1,"n":2,"é x":1,"c":1}}', // extra field
      '{"row":{"a":1,"a":2,"n":2,"é x":1}}', // repeated key
      '{"row":{"a":"1","b":1,"n":2,"é x":1}}', // a string
      '{"row":{"a":true,"b":1,"n":2,"é x":1}}',
      '{"row":{"\\u0061":1,"b":1,"n":2,"é x":1}}', // an escaped key
      '{"row":{"a":01,"b":1,"n":2,"é x":1}}', // not JSON
      '{"row":{"a":1.,"b":1,"n":2,"é x":1}}',
      '{"row":{"a":+1,"b":1,"n":2,"é x":1}}',
      '{"row":{"a":1e400,"b":1,"n":2,"é x":1}}', // not finite
      '{"row":{"a":1,"b":1e39,"n":2,"é x":1}}', // beyond float32
      '{"row":{"a":1,"b":1,"n":2.5,"é x":1}}', // an int column
      '{"row":{"a":1,"b":1,"n":2,"é x":1}',
      '{"row":{"a":1,"b":1,"n":2,"é x":1}} x',
      '{"rows":[]}',
      `{"rows":[${Array(6).fill('{"a":1,"b":1,"n":2,"é x":1}').join(',')}]}`, // more than maxRows
      '{"rows":[{"a":1,"b":1,"n":2,"é x":1}],"x":1}',
      '\ufeff{"row":{"a":1,"b":1,"n":2,"é x":1}}',
      '[1]',
      '',
    ];
    for (const text of refused) expect(scan(text)).toBeUndefined();
  });

  it('refuses a body cut anywhere, and scans whole bodies alike afterwards', () => {
    const text = '{"rows":[{"a":-1.5e2,"b":null,"n":2,"é x":0.25},{"a":3,"b":1,"n":-4,"é x":1}]}';
    const whole = scan(text);
    expect(whole).toEqual(parsed(text));
    const bytes = Buffer.from(text, 'utf8');
    for (let end = 0; end < bytes.length; end++) expect(scanRowFeeds(bytes.subarray(0, end), plan)).toBeUndefined();
    expect(scan(text)).toEqual(whole);
  });

  it('gives each call its own feeds, keyed in signature order, whatever the body order', () => {
    const first = scan('{"row":{"n":2,"é x":1,"b":null,"a":0.5}}')!;
    const second = scan('{"rows":[{"a":7,"b":8,"n":9,"é x":10},{"a":1,"b":2,"n":3,"é x":4}]}')!;
    expect(Object.keys(first.feeds)).toEqual(['a', 'b', 'n', 'é x']);
    expect(first.feeds.a).toEqual({ data: Float64Array.of(0.5), dims: [1, 1] });
    expect(first.feeds.n!.data).toEqual(BigInt64Array.of(2n));
    expect(second.feeds.a).toEqual({ data: Float64Array.of(7, 1), dims: [2, 1] });
    expect(second.feeds['é x']).toEqual({ data: Float32Array.of(10, 4), dims: [2, 1] });
  });

  it('keys feeds by any column name, `__proto__` and integer-like ones included, as own properties', () => {
    const odd = [{ name: '__proto__', type: 'double' }, { name: '0', type: 'double' }, { name: 'constructor', type: 'double' }] as const;
    const oddPlan = rowScanPlan(odd, odd.map((c) => ({ name: c.name, kind: 'float64' as const, nullable: false })), 2)!;
    const got = scanRowFeeds(Buffer.from('{"row":{"__proto__":1,"0":2,"constructor":3}}'), oddPlan)!;
    expect(Object.getPrototypeOf(got.feeds)).toBe(Object.prototype);
    expect(Object.keys(got.feeds).sort()).toEqual(['0', '__proto__', 'constructor']);
    expect(Object.getOwnPropertyDescriptor(got.feeds, '__proto__')?.value).toEqual({ data: Float64Array.of(1), dims: [1, 1] });
    expect(got.feeds['0']!.data).toEqual(Float64Array.of(2));
    expect(got.feeds.constructor).toEqual({ data: Float64Array.of(3), dims: [1, 1] });
  });

  it('has no plan for string or boolean inputs, nor for inputs whose int type would wrap', () => {
    expect(rowScanPlan([{ name: 's', type: 'string' }], [{ name: 's', kind: 'string', nullable: false }], 10)).toBeUndefined();
    expect(rowScanPlan([{ name: 'f', type: 'bool' }], [{ name: 'f', kind: 'bool', nullable: false }], 10)).toBeUndefined();
    const int32 = rowScanPlan([{ name: 'x', type: 'double' }], [{ name: 'x', kind: 'int32', nullable: false }], 10)!;
    expect(scanRowFeeds(Buffer.from('{"row":{"x":3000000000}}'), int32)).toBeUndefined();
    expect(validatedRowFeeds([{ x: 3000000000 }], [{ name: 'x', type: 'double' }], [{ name: 'x', kind: 'int32', nullable: false }], true)).toBeUndefined();
    expect(scanRowFeeds(Buffer.from('{"row":{"x":-7}}'), int32)!.feeds.x!.data).toEqual(Int32Array.of(-7));
  });
});
