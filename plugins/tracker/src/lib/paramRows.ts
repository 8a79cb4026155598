import { canonicalJson, type Json } from '@mlops/core';
import { TrackerError, trackerErrorCodes } from '../errors';
import { trackerMessages } from '../messages';

/** A param as stored: canonical JSON, so re-logging an equal object in another key order is no change. */
export interface ParamRow {
  run_id: string;
  key: string;
  value: string;
}

/** A scalar leaf of a param, typed for search. */
export interface ParamLeafRow {
  run_id: string;
  path: string;
  num: number | null;
  str: string | null;
  json: string;
}

/** Validates params and turns them into rows plus the leaves search reads. */
export function paramRows(runId: string, params: Record<string, Json>): { params: ParamRow[]; leaves: ParamLeafRow[] } {
  if (typeof params !== 'object' || params === null || Array.isArray(params)) {
    throw new TrackerError(trackerErrorCodes.input, trackerMessages.badField(`run ${runId}: params`, 'an object of name → JSON value', params));
  }
  const rows: ParamRow[] = [];
  const leaves: ParamLeafRow[] = [];
  for (const [key, value] of Object.entries(params)) {
    if (key === '') throw new TrackerError(trackerErrorCodes.input, trackerMessages.badParam(runId, key, 'the name is empty'));
    if (value === undefined) continue;
    let text: string;
    try {
      text = canonicalJson(value);
    } catch (error) {
      throw new TrackerError(trackerErrorCodes.input, trackerMessages.badParam(runId, key, (error as Error).message.replace(/^\$/, 'value')), { cause: error });
    }
    rows.push({ run_id: runId, key, value: text });
    collectLeaves(runId, key, value, leaves);
  }
  // One lock order for every writer: Postgres row locks taken in different orders can deadlock.
  rows.sort((a, b) => compare(a.key, b.key));
  return { params: rows, leaves: uniqueLeaves(runId, leaves).sort((a, b) => compare(a.path, b.path)) };
}

/** Code-unit order, the same in every process (unlike localeCompare). */
export const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** `{ a: { b: 1 } }` and `'a.b': 1` in one call name the same leaf: once if equal, an error if not. */
function uniqueLeaves(runId: string, leaves: ParamLeafRow[]): ParamLeafRow[] {
  const byPath = new Map<string, ParamLeafRow>();
  for (const leaf of leaves) {
    const seen = byPath.get(leaf.path);
    if (seen && seen.json !== leaf.json) throw new TrackerError(trackerErrorCodes.input, trackerMessages.badParam(runId, leaf.path, `given twice in one call, as ${seen.json} and ${leaf.json}`));
    byPath.set(leaf.path, leaf);
  }
  return [...byPath.values()];
}

/** Nested plain objects become dotted paths (`{ train: { maxDepth: 4 } }` → `train.maxDepth`). */
function collectLeaves(runId: string, path: string, value: Json, out: ParamLeafRow[]): void {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) if (v !== undefined) collectLeaves(runId, `${path}.${k}`, v, out);
    return;
  }
  out.push({
    run_id: runId,
    path,
    num: typeof value === 'number' ? value : null,
    str: typeof value === 'string' ? value : null,
    json: canonicalJson(value),
  });
}
