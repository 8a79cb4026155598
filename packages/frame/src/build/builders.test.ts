import { BoolBuilder } from './BoolBuilder';
import { ByteDictionary } from './ByteDictionary';
import { CategoryBuilder } from './CategoryBuilder';
import { Float64Builder } from './Float64Builder';
import { Int32Builder } from './Int32Builder';

describe('column builders', () => {
  it('grow by doubling, keep the null mask in step, and trim on finish', () => {
    const b = new Float64Builder(1);
    for (let i = 0; i < 1000; i++) {
      if (i % 100 === 7) b.pushNull();
      else b.push(i);
    }
    const column = b.finishFloat64();
    expect(column.length).toBe(1000);
    expect(column.data[999]).toBe(999);
    expect(column.nulls![907]).toBe(1);
    expect(Number.isNaN(column.data[907])).toBe(true);
    expect(column.nulls!.reduce((n, v) => n + v, 0)).toBe(10);
  });

  it('roll back with truncate, dropping the mask when no null is left', () => {
    const b = new Int32Builder(4);
    b.push(1);
    b.push(2);
    b.pushNull();
    b.truncate(2);
    b.push(3);
    const column = b.finish();
    expect(Array.from(column.data)).toEqual([1, 2, 3]);
    expect(column.nulls).toBeUndefined();
  });

  it('widen int32 to float64 exactly, nulls included', () => {
    const b = new Int32Builder();
    b.push(-2147483648);
    b.pushNull();
    const f = b.toFloat64();
    f.push(0.5);
    const column = f.finishFloat64();
    expect(Array.from(column.data)).toEqual([-2147483648, NaN, 0.5]);
    expect(Array.from(column.nulls!)).toEqual([0, 1, 0]);
  });

  it('build bool and category columns', () => {
    const bools = new BoolBuilder(1);
    [true, false, true].forEach((v) => bools.push(v));
    bools.pushNull();
    expect(Array.from(bools.finish().data)).toEqual([1, 0, 1, 0]);
    const cats = new CategoryBuilder(1);
    cats.pushString('b');
    cats.pushBytes(Buffer.from('xax'), 1, 2);
    cats.pushNull();
    cats.pushString('a');
    const column = cats.finish();
    expect(column.dictionary).toEqual(['b', 'a']);
    expect(Array.from(column.data)).toEqual([0, 1, -1, 1]);
  });
});

describe('ByteDictionary', () => {
  it('interns many distinct values through rehashes, by bytes or by string alike', () => {
    const dictionary = new ByteDictionary();
    const values = Array.from({ length: 20000 }, (_, i) => `value-${i}-${'é'.repeat(i % 5)}`);
    values.forEach((v, i) => expect(dictionary.codeOfString(v)).toBe(i));
    values.forEach((v, i) => {
      const bytes = Buffer.from(`[${v}]`, 'utf8');
      expect(dictionary.codeOfBytes(bytes, 1, bytes.length - 1)).toBe(i);
    });
    expect(dictionary.size).toBe(20000);
    expect(dictionary.values[12345]).toBe(values[12345]);
    expect(dictionary.codeOfString('')).toBe(20000);
    expect(dictionary.codeOfBytes(new Uint8Array(0), 0, 0)).toBe(20000);
  });
});
