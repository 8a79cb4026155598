import { parseFloatBytes } from './parseFloatBytes';
import { parseInt32Bytes } from './parseInt32Bytes';
import { parseBoolBytes } from './parseBoolBytes';

const state = { ok: true, end: 0 };
const float = (text: string): number | 'fail' => {
  const bytes = Buffer.from(text, 'latin1');
  const value = parseFloatBytes(bytes, 0, bytes.length, state);
  return state.ok ? value : 'fail';
};
const int = (text: string): number | 'fail' => {
  const bytes = Buffer.from(text, 'latin1');
  const value = parseInt32Bytes(bytes, 0, bytes.length, state);
  return state.ok ? value : 'fail';
};

// Deterministic PRNG so a failure is reproducible.
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('parseFloatBytes', () => {
  it('parses the usual spellings', () => {
    expect(float('0')).toBe(0);
    expect(Object.is(float('-0'), -0)).toBe(true);
    expect(float('+1.5')).toBe(1.5);
    expect(float('.5')).toBe(0.5);
    expect(float('5.')).toBe(5);
    expect(float('1e3')).toBe(1000);
    expect(float('1E-3')).toBe(0.001);
    expect(float('  42 ')).toBe(42);
    expect(float('inf')).toBe(Infinity);
    expect(float('-Infinity')).toBe(-Infinity);
    expect(float('NaN')).toBeNaN();
    expect(float('1e400')).toBe(Infinity);
    expect(float('1e-400')).toBe(0);
    expect(float('000123.4500')).toBe(123.45);
  });

  it('rejects what is not a number', () => {
    for (const text of ['', ' ', '-', '.', 'e5', '1e', '1e+', '1.2.3', '12a', '0x1f', '1,5', '--1', 'infinit', '"1"']) {
      expect(float(text)).toBe('fail');
    }
  });

  it('is correctly rounded: agrees with Number() bit for bit on random and hard inputs', () => {
    const rnd = prng(42);
    const pick = (k: number): number => Math.floor(rnd() * k);
    const inputs: string[] = [
      '9007199254740993', // 2^53 + 1: exactly halfway, ties to even
      '9007199254740995',
      '1.7976931348623157e308',
      '2.2250738585072014e-308',
      '4.9e-324',
      '0.1',
      '1234567890123456789',
      '12345678901234567890123',
      '123456789012345678e-22',
      '0.30000000000000004',
    ];
    for (let i = 0; i < 50000; i++) {
      const digits = 1 + pick(19);
      let mantissa = String(1 + pick(9));
      for (let k = 1; k < digits; k++) mantissa += pick(10);
      const dot = pick(digits + 1);
      let text = `${mantissa.slice(0, dot)}.${mantissa.slice(dot)}`;
      if (pick(3) === 0) text += `e${pick(50) - 25}`;
      inputs.push(pick(2) ? `-${text}` : text);
      inputs.push(String((rnd() - 0.5) * 10 ** (pick(40) - 20)));
    }
    for (let i = 0; i < 2000; i++) {
      // Odd multiples of 2^0 just above 2^53: decimal values exactly between two doubles.
      inputs.push(String(2 ** 53 + 2 * pick(2 ** 20) + 1));
    }
    const mismatches = inputs.filter((text) => !Object.is(float(text), Number(text)));
    expect(mismatches).toEqual([]);
  });
});

describe('parseInt32Bytes', () => {
  it('accepts int32 integers only', () => {
    expect(int('2147483647')).toBe(2147483647);
    expect(int('-2147483648')).toBe(-2147483648);
    expect(int(' +7 ')).toBe(7);
    expect(int('-0')).toBe(0);
    expect(int('0000000000042')).toBe(42);
    for (const text of ['2147483648', '-2147483649', '1.0', '1e3', '', '-', '12a', '99999999999']) expect(int(text)).toBe('fail');
  });
});

describe('parseBoolBytes', () => {
  it('reads true/false in any case, digits only when allowed', () => {
    const bool = (text: string, digits: boolean): number | 'fail' => {
      const value = parseBoolBytes(Buffer.from(text), 0, text.length, digits, state);
      return state.ok ? value : 'fail';
    };
    expect(bool('TRUE', false)).toBe(1);
    expect(bool('False', false)).toBe(0);
    expect(bool('1', false)).toBe('fail');
    expect(bool('1', true)).toBe(1);
    expect(bool('0', true)).toBe(0);
    expect(bool('yes', true)).toBe('fail');
  });
});
