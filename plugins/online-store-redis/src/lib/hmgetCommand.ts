import { Command } from 'ioredis';

/**
 * The wire form of an HMGET's fields, built once per field list: `$<bytes>\r\n<field>\r\n` each.
 * ioredis would rebuild it on every command (a `Buffer.byteLength` and four string concatenations
 * per field, then flattening that rope of some 200 pieces into the socket write), which for a
 * one-entity read of 50 features cost as much as decoding the reply.
 */
export interface HmgetFields {
  /** `*<argument count>\r\n$5\r\nHMGET\r\n`: everything before the key. */
  head: string;
  /** The encoded fields: everything after the key. */
  tail: string;
}

/** {@link HmgetFields} of `fields` (names, then metadata fields, in reply order). */
export function hmgetFields(fields: readonly string[]): HmgetFields {
  let tail = '';
  for (const field of fields) tail += `$${Buffer.byteLength(field)}\r\n${field}\r\n`;
  return { head: `*${fields.length + 2}\r\n$5\r\nhmget\r\n`, tail };
}

/**
 * `HMGET key field…` with its fields pre-encoded: what `redis.hmget(key, ...fields)` sends, byte
 * for byte, and answered the same way (strings, null for a missing field). Its `args` hold only
 * the key (what ioredis reads to find keys); the fields are written by `toWritable`, as ioredis's
 * own script command rewrites itself there. The result never depends on when `toWritable` runs, so
 * a command resent after a reconnection writes the same bytes.
 */
export class HmgetCommand extends Command {
  constructor(
    private readonly key: string,
    private readonly fields: HmgetFields,
  ) {
    super('hmget', [key], { replyEncoding: 'utf8' });
  }

  override toWritable(): string {
    return `${this.fields.head}$${Buffer.byteLength(this.key)}\r\n${this.key}\r\n${this.fields.tail}`;
  }
}
