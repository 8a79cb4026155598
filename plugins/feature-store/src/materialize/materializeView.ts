import type { MaterializeProgress, OnlineFeatureRow, OnlineStore } from '@mlops/core';
import type { FeatureView } from '../definitions/types';
import { entityKeyOf } from '../lib/entityKey';
import { joinKeysOf } from '../offline/stageTable';
import type { MaterializationState } from './MaterializationState';
import type { OpenWindowLatest } from './WindowLatest';

/** What {@link materializeView} needs besides the view. */
export interface MaterializeViewContext {
  /** The offline engine's latest rows per entity in a window. */
  openWindow: OpenWindowLatest;
  online: OnlineStore;
  state: MaterializationState;
  chunkSize: number;
  onProgress?: (progress: MaterializeProgress) => void;
}

/**
 * Copies the latest value per entity with event time in `[start, end)` into the online store.
 * Entities are walked in key order, `chunkSize` at a time (one result set in memory); after each
 * chunk is written the last key is stored, so a killed run resumes after it when called again with
 * the same window. Writes are idempotent (the online store ignores older event times).
 */
export async function materializeView(ctx: MaterializeViewContext, view: FeatureView, start: number, end: number): Promise<number> {
  const keys = joinKeysOf(view);
  const previous = await ctx.state.get(view.name);
  let after = previous.pending && previous.pending.start === start && previous.pending.end === end ? previous.pending.after : null;
  let newest = previous.newestEventTs;
  await ctx.state.savePending(view.name, start, end, after, newest);
  const window = await ctx.openWindow(view, start, end);
  let written: number;
  try {
    const total = await window.count(null);
    // On a resume, the entities up to the cursor were written by the interrupted run.
    written = after === null ? 0 : await window.count(after);
    for (;;) {
      const rows = await window.next(after, ctx.chunkSize);
      if (rows.length === 0) break;
      const online: OnlineFeatureRow[] = rows.map((row) => ({ entityKey: entityKeyOf(keys, row.keys), eventTimestamp: row.eventTimestamp, values: row.values }));
      await ctx.online.write(view.name, online, { expireAfterMs: view.ttlMs });
      for (const r of online) newest = newest === null ? r.eventTimestamp : Math.max(newest, r.eventTimestamp);
      after = rows[rows.length - 1]!.keys;
      written += rows.length;
      await ctx.state.savePending(view.name, start, end, after, newest);
      ctx.onProgress?.({ view: view.name, written, total });
      if (rows.length < ctx.chunkSize) break;
    }
  } finally {
    await window.close();
  }
  await ctx.state.complete(view.name, end, previous.watermark, newest);
  return written;
}
