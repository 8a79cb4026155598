import { parseIsoBytes } from './parseTimestampBytes';

const state = { ok: true, end: 0 };
const iso = (text: string): number | 'fail' => {
  const bytes = Buffer.from(text, 'latin1');
  const value = parseIsoBytes(bytes, 0, bytes.length, state);
  return state.ok ? value : 'fail';
};

describe('parseIsoBytes', () => {
  it('agrees with Date.parse on the forms both accept', () => {
    for (const text of [
      '2024-02-29',
      '1970-01-01T00:00:00Z',
      '2021-03-22T09:52:11.344Z',
      '1969-12-31T23:59:59.999Z',
      '2000-01-01T12:30+02:00',
      '2000-01-01T12:30:15-05:30',
      '1600-03-01T00:00:00Z',
      '9999-12-31T23:59:59Z',
    ]) {
      expect([text, iso(text)]).toEqual([text, Date.parse(text)]);
    }
  });

  it('reads zone-less date-times as UTC and accepts a space separator and ±HHMM zones', () => {
    expect(iso('2024-01-02 03:04:05')).toBe(Date.UTC(2024, 0, 2, 3, 4, 5));
    expect(iso('2024-01-02T03:04')).toBe(Date.UTC(2024, 0, 2, 3, 4));
    expect(iso('2024-01-02T03:04:05+0100')).toBe(Date.UTC(2024, 0, 2, 2, 4, 5));
    expect(iso('2024-01-02T03:04:05-01')).toBe(Date.UTC(2024, 0, 2, 4, 4, 5));
  });

  it('keeps sub-millisecond fractions', () => {
    expect(iso('1970-01-01T00:00:00.123456Z')).toBe(123.456);
    expect(iso('1970-01-01T00:00:00.5Z')).toBe(500);
    expect(iso('1970-01-01T00:00:00,25Z')).toBe(250);
  });

  it('rejects malformed and calendar-invalid values', () => {
    for (const text of ['', '2024', '2024-1-01', '2023-02-29', '2024-13-01', '2024-00-10', '2024-01-32', '2024-01-01T24:00', '2024-01-01T12:60',
      '2024-01-01T12:00:00.', '2024-01-01T12:00:00Zx', '2024-01-01X12:00', '2024-01-01T12:00+25:00', 'abcd-ef-gh']) {
      expect([text, iso(text)]).toEqual([text, 'fail']);
    }
  });
});
