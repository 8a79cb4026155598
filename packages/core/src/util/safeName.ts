import { errorCodes } from '../errors/codes';
import { MlopsError } from '../errors/MlopsError';

/** What a name names, for the error message (`model name`, `feature view name`, ...). */
export type NamedKind = 'model' | 'feature view' | 'feature service' | 'entity' | 'dataset' | 'artifact' | 'pipeline' | 'step' | 'study' | (string & {});

/** Longest name accepted: long enough for `team/project/model`, short enough for every file system. */
export const maxNameLength = 200;

/**
 * Why `name` may not become part of a path, or undefined when it may. The rule, in the order checked:
 * a non-empty string of at most 200 characters; no control characters (U+0000–U+001F, U+007F); no
 * backslash (a separator on Windows); no drive prefix such as `C:`; `/` separates segments, and no
 * segment is empty (so no leading, trailing or doubled `/`, hence no absolute path), `.` or `..`.
 */
export function unsafeNameReason(name: unknown): string | undefined {
  if (typeof name !== 'string') return 'expected a string';
  if (name.length === 0) return 'must not be empty';
  if (name.length > maxNameLength) return `must be at most ${maxNameLength} characters`;
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'must not contain control characters';
  if (name.includes('\\')) return 'must not contain a backslash';
  if (/^[A-Za-z]:/.test(name)) return 'must not start with a drive prefix';
  if (name.startsWith('/')) return 'must not be an absolute path';
  for (const segment of name.split('/')) {
    if (segment === '') return 'must not have an empty segment (a leading, trailing or doubled "/")';
    if (segment === '.' || segment === '..') return `must not have a "${segment}" segment`;
  }
  return undefined;
}

/** A name that could escape its folder once it becomes part of a path; the caller's input was wrong. */
export class UnsafeNameError extends MlopsError {
  constructor(
    readonly kind: string,
    name: string,
    readonly rule: string,
  ) {
    super(errorCodes.usage, `${kind} name ${rule}, received ${JSON.stringify(name)}`, {
      badInput: true,
      path: kind,
      expected: `a ${kind} name that ${rule}`,
      received: JSON.stringify(name),
    });
  }
  override toJSON() {
    return { ...super.toJSON(), kind: this.kind, rule: this.rule };
  }
}

/**
 * Checks, where a named thing is created, that its name can safely become part of a path (see
 * {@link unsafeNameReason} for the rule). Throws an {@link UnsafeNameError} naming the kind, the
 * name and the rule it breaks; returns the name.
 */
export function assertSafeName(kind: NamedKind, name: string): string {
  const reason = unsafeNameReason(name);
  if (reason) throw new UnsafeNameError(kind, name, reason);
  return name;
}
