/**
 * The facts an error carries as data, so that callers and `--json` output never parse its message.
 * Every field is optional: an error sets the ones it knows.
 */
export interface MlopsErrorData {
  /** Where the problem is: a file, a field path (`trainer.epochs`), a column, `rows[2].age`. */
  path?: string;
  /** What was expected there, in words (`a positive integer`). */
  expected?: string;
  /** What was found there, as the user would write it (`"ten"`). */
  received?: string;
  /**
   * The caller's input was wrong (a malformed filter, an unknown option value, a missing file), not
   * the system: the CLI exits 2 for it, whatever package threw it.
   */
  badInput?: boolean;
  /** The error this one explains, kept for `--verbose` and debuggers. */
  cause?: unknown;
}

// Marks every MlopsError, also one made by another installed copy of this package (two versions in
// one node_modules), where `instanceof` would say no. `Symbol.for` is shared across copies.
const brand = Symbol.for('@mlops/errors.MlopsError');

/**
 * Base of every error mlops throws. `code` is an open string (each package keeps its own `as const`
 * map of codes, e.g. `E_GBDT_PARAMS`), stable because scripts match on it; the message is one line
 * rendered from the facts, which stay available as fields.
 */
export class MlopsError<Code extends string = string> extends Error {
  readonly code: Code;
  /** True when the caller's input was wrong: the CLI exits 2 (a usage error) instead of 1. */
  readonly badInput: boolean;
  /** Where the problem is (file, field path, column), when the thrower knows it. */
  readonly path: string | undefined;
  /** What was expected at `path`, in words. */
  readonly expected: string | undefined;
  /** What was found at `path`. */
  readonly received: string | undefined;

  constructor(code: Code, message: string, data: MlopsErrorData = {}) {
    super(message, data.cause === undefined ? undefined : { cause: data.cause });
    this.name = new.target.name;
    this.code = code;
    this.badInput = data.badInput ?? false;
    this.path = data.path;
    this.expected = data.expected;
    this.received = data.received;
  }

  /** Plain data for `--json` output: name, code, message and the facts that are set. */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, code: this.code, message: this.message };
    if (this.path !== undefined) out.path = this.path;
    if (this.expected !== undefined) out.expected = this.expected;
    if (this.received !== undefined) out.received = this.received;
    if (this.badInput) out.badInput = true;
    return out;
  }
}
Object.defineProperty(MlopsError.prototype, brand, { value: true });

/** True for any MlopsError (or subclass), also one thrown by another copy of this package. */
export function isMlopsError(value: unknown): value is MlopsError {
  return value instanceof Error && (value as unknown as Record<symbol, unknown>)[brand] === true;
}
