import { isPlainRecord } from '@mlops/core';
import type { LocalArtifactStoreParsedOptions, SqliteMetadataStoreParsedOptions } from './options';

// zod-free checks of the usual options (none, or a path), so that a command on a valid config never
// loads zod: each returns what its schema in ./options would, or undefined to let the schema decide.
// quickOptions.test.ts checks them against the schemas.

export const defaultStaleTempMinutes = 10;
export const defaultBusyTimeoutMs = 5000;

const isOptionalPath = (v: unknown) => v === undefined || (typeof v === 'string' && v.length > 0);
const onlyKeys = (raw: Record<string, unknown>, keys: readonly string[]) => Object.keys(raw).every((k) => keys.includes(k));

export function quickLocalArtifactStoreOptions(raw: unknown): LocalArtifactStoreParsedOptions | undefined {
  if (!isPlainRecord(raw) || !onlyKeys(raw, ['path', 'staleTempMinutes']) || !isOptionalPath(raw.path)) return undefined;
  const minutes = raw.staleTempMinutes ?? defaultStaleTempMinutes;
  if (typeof minutes !== 'number' || !Number.isFinite(minutes) || minutes <= 0) return undefined;
  return { ...raw, staleTempMinutes: minutes } as LocalArtifactStoreParsedOptions;
}

export function quickSqliteMetadataStoreOptions(raw: unknown): SqliteMetadataStoreParsedOptions | undefined {
  if (!isPlainRecord(raw) || !onlyKeys(raw, ['path', 'busyTimeoutMs']) || !isOptionalPath(raw.path)) return undefined;
  const timeout = raw.busyTimeoutMs ?? defaultBusyTimeoutMs;
  if (!Number.isSafeInteger(timeout) || (timeout as number) < 0) return undefined;
  return { ...raw, busyTimeoutMs: timeout } as SqliteMetadataStoreParsedOptions;
}
