import { ServingError } from '@mlops/serving';

// RFC 9110 §8.3.1: media-type = type "/" subtype *( OWS ";" OWS parameter ), tokens case-insensitive.
const token = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const mediaType = new RegExp(`^(${token})/(${token})[ \\t]*(;.*)?$`);
const parameter = new RegExp(`^[ \\t]*(${token})=(${token}|"(?:[^"\\\\]|\\\\.)*")[ \\t]*$`);

/**
 * Throws 415 unless `header` is a JSON media type in UTF-8: `application/json` or any
 * `application/*+json` (type and subtype case-insensitive), with no charset or `charset=utf-8`
 * (case-insensitive, quoted or not). The body is decoded as UTF-8, so any other charset would be
 * misread: refusing it is the honest answer. `application/jsonp` is JavaScript, not JSON.
 */
export function checkJsonContentType(header: string | undefined): void {
  // The two spellings nearly every client sends, without a regex.
  if (header === 'application/json' || header === 'application/json; charset=utf-8') return;
  const found = header ? JSON.stringify(header.length > 100 ? `${header.slice(0, 100)}…` : header) : 'none';
  const refuse = (why: string) => new ServingError('unsupported_media_type', `expected content-type application/json (charset utf-8 or none), found ${found}${why}`);
  const m = header === undefined ? null : mediaType.exec(header.trim());
  if (!m) throw refuse('');
  const type = m[1]!.toLowerCase();
  const subtype = m[2]!.toLowerCase();
  if (type !== 'application' || (subtype !== 'json' && !subtype.endsWith('+json'))) throw refuse('');
  if (!m[3]) return;
  for (const part of m[3].slice(1).split(';')) {
    if (part.trim() === '') continue;
    const p = parameter.exec(part);
    if (!p) throw refuse(': malformed parameter');
    if (p[1]!.toLowerCase() !== 'charset') continue;
    const value = p[2]!.startsWith('"') ? p[2]!.slice(1, -1).replace(/\\(.)/g, '$1') : p[2]!;
    if (value.toLowerCase() !== 'utf-8') throw refuse(`: only charset utf-8 is read`);
  }
}
