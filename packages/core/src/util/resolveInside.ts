import * as path from 'node:path';
import { errorCodes } from '../errors/codes';
import { MlopsError } from '../errors/MlopsError';

/** A path built from names would leave the folder it belongs in. */
export class PathEscapeError extends MlopsError {
  constructor(
    readonly root: string,
    readonly parts: readonly string[],
    readonly resolved: string,
  ) {
    super(errorCodes.usage, `path ${JSON.stringify(parts.join('/'))} resolves to ${resolved}, outside ${root}`, { badInput: true });
  }
}

/**
 * `path.resolve(root, ...parts)`, checked to stay strictly inside `root`: the second line of defence
 * behind `assertSafeName`, for every path built from a name. Throws a {@link PathEscapeError} when
 * the result is `root` itself or lies outside it (through `..`, an absolute part or a drive change).
 */
export function resolveInside(root: string, ...parts: string[]): string {
  const base = path.resolve(root);
  const resolved = path.resolve(base, ...parts);
  const rel = path.relative(base, resolved);
  if (rel === '' || rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) throw new PathEscapeError(base, parts, resolved);
  return resolved;
}
