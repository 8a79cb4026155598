// From @mlops/errors, not core: every command imports this file, and core is loaded only when needed.
import { getMlopsError, internalErrorCode, MlopsError, type MlopsErrorData } from '@mlops/errors';
import { color } from './format';

/** Exit codes: 1 a run or command failed, 2 the input (config, arguments) was wrong. */
export const exitCodes = { failure: 1, usage: 2 } as const;

/**
 * Reports an error as one clear line (all config issues, one per line), a stack only with --verbose.
 * The exit code follows the error's `badInput`: 2 when the caller's input was wrong, whichever
 * package threw it; 1 for everything else.
 */
export function fail(err: unknown, opts: { json?: boolean; verbose?: boolean }): never {
  const e = getMlopsError(err);
  const internal = e.code === internalErrorCode;
  if (opts.json) {
    process.stdout.write(`${JSON.stringify({ error: e.toJSON() }, null, 2)}\n`);
  } else {
    process.stderr.write(`${color.red('error')}: ${e.message}\n`);
    if (opts.verbose && e.stack) process.stderr.write(`${color.dim(e.stack)}\n`);
    else if (internal) process.stderr.write(color.dim('(run with --verbose for the stack trace)\n'));
  }
  process.exit(e.badInput ? exitCodes.usage : exitCodes.failure);
}

/** The command line itself is wrong (a flag's value, a missing argument): exit 2. */
export class UsageError extends MlopsError<'E_USAGE'> {
  constructor(message: string, data?: Omit<MlopsErrorData, 'badInput'>) {
    // core's errorCodes.usage, written out so that this file does not load core.
    super('E_USAGE', message, { ...data, badInput: true });
  }
}
