import { isAbsolute, join, resolve } from 'node:path';

/**
 * Where a store lives: `configured` resolved against the project root (like every path in config),
 * or `<stateDir>/<fallback>` when not configured.
 */
export function resolveStorePath(ctx: { projectRoot: string; stateDir: string }, configured: string | undefined, fallback: string): string {
  if (configured === undefined) return join(ctx.stateDir, fallback);
  return isAbsolute(configured) ? configured : resolve(ctx.projectRoot, configured);
}
