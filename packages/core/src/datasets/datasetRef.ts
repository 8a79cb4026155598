import { MlopsError } from '../errors/MlopsError';
import { errorCodes } from '../errors/codes';
import { assertSafeName } from '../util/safeName';

/** A dataset name with an optional version: `NAME` (the latest) or `NAME@vN`. */
export interface DatasetVersionRef {
  readonly name: string;
  readonly version?: number;
}

/**
 * Checks a dataset name: the path-safety rule every mlops name follows (no `..` segment, no absolute
 * path, no backslash, at most 200 characters), and no `@` (it separates the version) or whitespace.
 * Returns the name.
 */
export function assertDatasetName(name: string): string {
  assertSafeName('dataset', name);
  if (/[@\s]/.test(name)) throw new MlopsError(errorCodes.usage, `dataset name must not contain "@" or whitespace, received ${JSON.stringify(name)}`, { badInput: true, path: 'dataset', expected: 'letters, digits, ".", "_", "-" and "/" between segments', received: JSON.stringify(name) });
  return name;
}

/** Parses `NAME` or `NAME@vN` (also `NAME@N`); throws naming the text and the expected form. */
export function parseDatasetRef(text: string): DatasetVersionRef {
  const at = text.lastIndexOf('@');
  if (at < 0) return { name: assertDatasetName(text) };
  const version = /^v?([1-9][0-9]{0,8})$/.exec(text.slice(at + 1));
  if (!version) throw new MlopsError(errorCodes.usage, `dataset "${text}": expected NAME or NAME@vN (e.g. customers@v3), found version "${text.slice(at + 1)}"`, { badInput: true, path: 'dataset', expected: 'NAME or NAME@vN', received: JSON.stringify(text) });
  return { name: assertDatasetName(text.slice(0, at)), version: Number(version[1]) };
}

/** `name@vN`. */
export function formatDatasetRef(ref: { name: string; version: number }): string {
  return `${ref.name}@v${ref.version}`;
}
