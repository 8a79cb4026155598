import { FIELD_ESCAPED, unescapeQuoted, type CsvScanner } from './CsvScanner';

const decoder = new TextDecoder();

/**
 * Column names from the header record. Empty names become `column_<i>` (0-based), and repeated
 * names get `.1`, `.2`, ... appended (as pandas does) so every column stays addressable.
 */
export function decodeHeader(buf: Uint8Array, scanner: CsvScanner): string[] {
  const names: string[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < scanner.fieldCount; i++) {
    let name = fieldText(buf, scanner, i) || `column_${i}`;
    for (let k = 1; seen.has(name); k++) name = `${fieldText(buf, scanner, i) || `column_${i}`}.${k}`;
    seen.add(name);
    names.push(name);
  }
  return names;
}

/** The decoded text of field `i` of the scanner's current record. */
export function fieldText(buf: Uint8Array, scanner: CsvScanner, i: number): string {
  const s = scanner.starts[i];
  const e = scanner.ends[i];
  if ((scanner.flags[i] & FIELD_ESCAPED) === 0) return decoder.decode(buf.subarray(s, e));
  const out = new Uint8Array(e - s);
  return decoder.decode(out.subarray(0, unescapeQuoted(buf, s, e, out)));
}
