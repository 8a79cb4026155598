import type { ErrorCode } from './codes';

/** Base of every error mlops throws: a stable `code`, a one-line message, and the `cause` kept. */
export class MlopsError extends Error {
  readonly code: ErrorCode;
  /**
   * The caller's input was wrong (a malformed filter, an unknown option value), not the system:
   * the CLI exits 2 for it, as for a config error, whatever plugin threw it.
   */
  readonly badInput: boolean;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; badInput?: boolean }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.badInput = options?.badInput ?? false;
  }

  /** Plain data for `--json` output. */
  toJSON(): Record<string, unknown> {
    return { name: this.name, code: this.code, message: this.message };
  }
}

/** True for any MlopsError, also one thrown by another copy of @mlops/core. */
export function isMlopsError(value: unknown): value is MlopsError {
  const code = value instanceof Error ? (value as { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('E_');
}
