import { isBlank, type ParseState } from './parseFloatBytes';

const MS_PER_DAY = 86400000;

/**
 * Parses an ISO-8601 date or date-time from ASCII bytes into UTC epoch milliseconds.
 * Accepted: `YYYY-MM-DD`, then optionally `T` or a space, `HH:MM`, `:SS`, `.fraction` (any number
 * of digits, kept below the millisecond), and a zone `Z`, `±HH`, `±HHMM` or `±HH:MM`.
 * A date-time without a zone is read as UTC. Sets `state.ok`; calendar-invalid dates fail.
 */
export function parseIsoBytes(buf: Uint8Array, start: number, end: number, state: ParseState): number {
  while (start < end && isBlank(buf[start])) start++;
  while (end > start && isBlank(buf[end - 1])) end--;
  state.ok = false;
  if (end - start < 10 || buf[start + 4] !== 45 || buf[start + 7] !== 45) return NaN;
  const year = digits(buf, start, 4);
  const month = digits(buf, start + 5, 2);
  const day = digits(buf, start + 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN;
  let ms = daysFromCivil(year, month, day) * MS_PER_DAY;
  let i = start + 10;
  if (i === end) return ok(state, ms);
  if (buf[i] !== 84 && buf[i] !== 116 && buf[i] !== 32) return NaN; // T, t or space
  i++;
  if (end - i < 5 || buf[i + 2] !== 58) return NaN;
  const hour = digits(buf, i, 2);
  const minute = digits(buf, i + 3, 2);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return NaN;
  ms += hour * 3600000 + minute * 60000;
  i += 5;
  if (i < end && buf[i] === 58) {
    const second = digits(buf, i + 1, 2);
    // 60 is a leap second; like Date.parse we fold it into the next minute rather than reject it.
    if (i + 3 > end || second < 0 || second > 60) return NaN;
    ms += second * 1000;
    i += 3;
    if (i < end && (buf[i] === 46 || buf[i] === 44)) {
      i++;
      const fractionStart = i;
      let fraction = 0;
      for (let c: number; i < end && (c = buf[i] - 48) >= 0 && c <= 9; i++) {
        if (i - fractionStart < 15) fraction = fraction * 10 + c;
      }
      const places = Math.min(i - fractionStart, 15);
      if (places === 0) return NaN;
      // One exact scaling step keeps e.g. ".123456" at exactly 123.456 ms as a double would round it.
      ms += places <= 3 ? fraction * 10 ** (3 - places) : fraction / 10 ** (places - 3);
    }
  }
  if (i === end) return ok(state, ms);
  const zone = buf[i];
  if ((zone === 90 || zone === 122) && i + 1 === end) return ok(state, ms); // Z or z
  if (zone !== 43 && zone !== 45) return NaN;
  const offset = zoneMinutes(buf, i + 1, end);
  if (offset < 0) return NaN;
  return ok(state, zone === 43 ? ms - offset * 60000 : ms + offset * 60000);
}

/** `HH`, `HHMM` or `HH:MM` as minutes, or -1. */
function zoneMinutes(buf: Uint8Array, i: number, end: number): number {
  const n = end - i;
  const hours = digits(buf, i, 2);
  if (hours < 0 || hours > 23) return -1;
  if (n === 2) return hours * 60;
  const minuteAt = n === 4 ? i + 2 : n === 5 && buf[i + 2] === 58 ? i + 3 : -1;
  if (minuteAt < 0) return -1;
  const minutes = digits(buf, minuteAt, 2);
  return minutes < 0 || minutes > 59 ? -1 : hours * 60 + minutes;
}

/** `count` ASCII digits at `buf[at..]` as a number, or -1 if any is not a digit. */
function digits(buf: Uint8Array, at: number, count: number): number {
  let value = 0;
  for (let k = 0; k < count; k++) {
    const c = buf[at + k] - 48;
    if (!(c >= 0 && c <= 9)) return -1;
    value = value * 10 + c;
  }
  return value;
}

function ok(state: ParseState, ms: number): number {
  state.ok = true;
  return ms;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}
