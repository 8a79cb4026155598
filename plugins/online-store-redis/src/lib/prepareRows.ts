import { loneSurrogateAt, type OnlineFeatureRow } from '@mlops/core';
import { OnlineStoreInputError } from '../errors';
import { describeValue } from './describeValue';

/**
 * Checks every row before anything is sent (a bad row fails the whole call) and keeps the newest
 * row per entity (ties: the later one, as a second write would). The Lua script would resolve
 * duplicates too, but only after the older row had been sent for nothing.
 */
export function prepareRows(view: string, rows: readonly OnlineFeatureRow[]): OnlineFeatureRow[] {
  const newest = new Map<string, OnlineFeatureRow>();
  for (const row of rows) {
    checkRow(view, row);
    const kept = newest.get(row.entityKey);
    if (!kept || kept.eventTimestamp <= row.eventTimestamp) newest.set(row.entityKey, row);
  }
  return [...newest.values()];
}

/** `expireAfterMs` as whole milliseconds for PEXPIRE, or 0 for none. */
export function expiryMs(view: string, expireAfterMs: number | null | undefined): number {
  if (expireAfterMs === null || expireAfterMs === undefined) return 0;
  if (typeof expireAfterMs !== 'number' || !Number.isFinite(expireAfterMs) || expireAfterMs <= 0) {
    throw new OnlineStoreInputError(view, 'expireAfterMs', 'a positive number of milliseconds or null', describeValue(expireAfterMs));
  }
  return Math.ceil(expireAfterMs);
}

function checkRow(view: string, row: OnlineFeatureRow): void {
  if (typeof row?.entityKey !== 'string') throw new OnlineStoreInputError(view, 'entityKey', 'a string', describeValue(row?.entityKey));
  // Checked here, before anything is sent, so a bad key in a later chunk cannot leave a partial write.
  const surrogate = loneSurrogateAt(row.entityKey);
  if (surrogate >= 0) throw new OnlineStoreInputError(view, 'entityKey', 'a well-formed string', `a lone UTF-16 surrogate at index ${surrogate}`);
  const at = `entity "${row.entityKey}"`;
  if (typeof row.eventTimestamp !== 'number' || !Number.isFinite(row.eventTimestamp)) {
    throw new OnlineStoreInputError(view, `${at}: eventTimestamp`, 'finite epoch milliseconds', describeValue(row.eventTimestamp));
  }
  if (typeof row.values !== 'object' || row.values === null) throw new OnlineStoreInputError(view, `${at}: values`, 'an object of feature values', describeValue(row.values));
  for (const [feature, value] of Object.entries(row.values)) {
    if (feature.startsWith('@')) throw new OnlineStoreInputError(view, `${at}: feature "${feature}"`, 'a name not starting with "@" (reserved for metadata)', JSON.stringify(feature));
    const ok = value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
    if (!ok) throw new OnlineStoreInputError(view, `${at}: feature "${feature}"`, 'a finite number, string, boolean or null', describeValue(value));
  }
}
