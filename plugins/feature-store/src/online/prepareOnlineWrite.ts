import type { FeatureScalar, OnlineFeatureRow } from '@mlops/core';
import { checkKeyText } from '../errors';
import { OnlineWriteError } from './OnlineWriteError';

/** A validated write: one row per entity (the newest), sorted by entity key. */
export interface PreparedOnlineWrite {
  rows: OnlineFeatureRow[];
  expireAfterMs: number | null;
}

/**
 * Checks every row before anything is written (so a bad row fails the whole call), keeps the newest
 * row per entity (ties: the later one, as a second write would), and sorts by entity key so two
 * concurrent transactions lock rows in the same order and cannot deadlock.
 */
export function prepareOnlineWrite(view: string, rows: readonly OnlineFeatureRow[], expireAfterMs: number | null | undefined): PreparedOnlineWrite {
  if (typeof view !== 'string' || view === '') throw new OnlineWriteError(String(view), 'view', 'a non-empty name', describe(view));
  const expiry = expireAfterMs ?? null;
  if (expiry !== null && !(typeof expiry === 'number' && Number.isFinite(expiry) && expiry > 0)) {
    throw new OnlineWriteError(view, 'expireAfterMs', 'a positive number of milliseconds or null', describe(expiry));
  }
  const newest = new Map<string, OnlineFeatureRow>();
  for (const row of rows) {
    checkRow(view, row);
    const kept = newest.get(row.entityKey);
    if (!kept || kept.eventTimestamp <= row.eventTimestamp) newest.set(row.entityKey, row);
  }
  const sorted = [...newest.values()].sort((a, b) => (a.entityKey < b.entityKey ? -1 : a.entityKey > b.entityKey ? 1 : 0));
  return { rows: sorted, expireAfterMs: expiry };
}

function checkRow(view: string, row: OnlineFeatureRow): void {
  if (typeof row?.entityKey !== 'string') throw new OnlineWriteError(view, 'entityKey', 'a string', describe(row?.entityKey));
  checkKeyText('entityKey', row.entityKey);
  const at = `entity "${row.entityKey}"`;
  if (typeof row.eventTimestamp !== 'number' || !Number.isFinite(row.eventTimestamp)) {
    throw new OnlineWriteError(view, `${at}: eventTimestamp`, 'finite epoch milliseconds', describe(row.eventTimestamp));
  }
  if (typeof row.values !== 'object' || row.values === null) throw new OnlineWriteError(view, `${at}: values`, 'an object of feature values', describe(row.values));
  for (const [feature, value] of Object.entries(row.values)) {
    if (!isFeatureScalar(value)) throw new OnlineWriteError(view, `${at}: feature "${feature}"`, 'a finite number, string, boolean or null', describe(value));
  }
}

function isFeatureScalar(value: unknown): value is FeatureScalar {
  return value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}

function describe(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (Array.isArray(value)) return 'an array';
  return value === null ? 'null' : typeof value;
}
