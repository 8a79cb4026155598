import { color } from './format';

/** Exit codes: 1 a run or command failed, 2 the input (config, arguments) was wrong. */
export const exitCodes = { failure: 1, usage: 2 } as const;

const usageCodes = new Set(['E_CONFIG', 'E_CONFIG_NOT_FOUND', 'E_CONFIG_LOAD', 'E_PLUGIN_NOT_FOUND', 'E_MISSING_DEPENDENCY', 'E_USAGE', 'E_NOT_FOUND', 'E_PIPELINE']);

/** Reports an error as one clear line (all config issues, one per line), a stack only with --verbose. */
export function fail(err: unknown, opts: { json?: boolean; verbose?: boolean }): never {
  const e = err as { code?: string; message?: string; stack?: string; badInput?: boolean; toJSON?: () => unknown };
  const code = typeof e?.code === 'string' && e.code.startsWith('E_') ? e.code : undefined;
  if (opts.json) {
    process.stdout.write(`${JSON.stringify({ error: e?.toJSON ? e.toJSON() : { code: code ?? 'E_INTERNAL', message: e?.message ?? String(err) } }, null, 2)}\n`);
  } else {
    process.stderr.write(`${color.red('error')}: ${e?.message ?? String(err)}\n`);
    if (opts.verbose && e?.stack) process.stderr.write(`${color.dim(e.stack)}\n`);
    else if (!code) process.stderr.write(color.dim('(run with --verbose for the stack trace)\n'));
  }
  process.exit((code && usageCodes.has(code)) || e?.badInput === true ? exitCodes.usage : exitCodes.failure);
}

export class UsageError extends Error {
  readonly code = 'E_USAGE';
}
