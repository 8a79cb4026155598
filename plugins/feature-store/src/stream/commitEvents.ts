import type { OnlineFeatureRow, OnlineStore } from '@mlops/core';
import type { FeatureView } from '../definitions/types';
import { entityKeyOf } from '../lib/entityKey';
import type { SqlTarget } from '../lib/SqlTarget';
import type { FeatureMetrics } from '../metrics/createFeatureMetrics';
import { joinKeysOf } from '../offline/stageTable';
import { appendStreamRows } from './streamTable';
import { isProblem, validateEvent, type EventProblem } from './validateEvent';

/** One incoming event: its message id (what makes redelivery harmless) and its payload. */
export interface IncomingEvent {
  id: string;
  data: Uint8Array | string | object;
}

/** What a commit did: how many events were written and which were refused (by index in the batch). */
export interface CommitOutcome {
  written: number;
  refused: { index: number; problem: EventProblem }[];
}

/** What {@link commitEvents} writes to and counts in. */
export interface CommitContext {
  offline: SqlTarget;
  online: OnlineStore;
  metrics: FeatureMetrics['stream'];
  now: () => number;
}

/** A validated micro-batch: the rows for each store and the events refused (by index in the batch). */
export interface PreparedBatch {
  online: OnlineFeatureRow[];
  /** Flat offline cells, `streamColumns(view)` per row. */
  offline: unknown[];
  refused: CommitOutcome['refused'];
}

/**
 * Validates a micro-batch, writes the valid events online (the store keeps the newer event time,
 * so a late or replayed event never overwrites a newer value) and appends them to the offline
 * stream table (a message id already there is skipped). When it returns both writes are committed
 * and the caller may acknowledge; when it throws nothing may be acknowledged, and a redelivery
 * repeats both writes harmlessly.
 */
export async function commitEvents(ctx: CommitContext, view: FeatureView, events: readonly IncomingEvent[]): Promise<CommitOutcome> {
  const batch = prepareEvents(ctx, view, events);
  if (batch.online.length) {
    // The two writes are independent (the caller acknowledges after both), so they run at once.
    // Both are settled before a failure is thrown, so a retry never races a write still in flight.
    const [wroteOnline, appended] = await Promise.allSettled([writeOnline(ctx, view, batch), appendOffline(ctx, view, batch)]);
    if (wroteOnline.status === 'rejected') throw wroteOnline.reason;
    if (appended.status === 'rejected') throw appended.reason;
    ctx.metrics.written.inc({ view: view.name }, batch.online.length);
  }
  return { written: batch.online.length, refused: batch.refused };
}

/** Validates and encodes a micro-batch (no I/O); counts events in and refused. */
export function prepareEvents(ctx: CommitContext, view: FeatureView, events: readonly IncomingEvent[]): PreparedBatch {
  const keys = joinKeysOf(view);
  const features = Object.keys(view.features);
  const online: OnlineFeatureRow[] = [];
  const offline: unknown[] = [];
  const refused: CommitOutcome['refused'] = [];
  const ingestedAt = ctx.now();
  for (let i = 0; i < events.length; i++) {
    const event = validateEvent(view, events[i]!.data);
    if (isProblem(event)) {
      refused.push({ index: i, problem: event });
      continue;
    }
    const values: OnlineFeatureRow['values'] = {};
    for (let f = 0; f < features.length; f++) values[features[f]!] = event.values[f]!;
    let entityKey: string;
    try {
      entityKey = entityKeyOf(keys, event.keys);
    } catch (error) {
      refused.push({ index: i, problem: { code: 'join_key', reason: (error as Error).message } });
      continue;
    }
    online.push({ entityKey, values, eventTimestamp: event.eventTs });
    offline.push(event.id ?? events[i]!.id, ...event.keys, event.eventTs, ...event.values, ingestedAt);
  }
  ctx.metrics.eventsIn.inc({ view: view.name }, events.length);
  for (const r of refused) ctx.metrics.deadLettered.inc({ view: view.name, reason: r.problem.code });
  return { online, offline, refused };
}

/** The online write (compare-and-set on event time); observes freshness when it resolves. */
export async function writeOnline(ctx: CommitContext, view: FeatureView, batch: PreparedBatch): Promise<void> {
  if (!batch.online.length) return;
  await ctx.online.write(view.name, batch.online, { expireAfterMs: view.ttlMs });
  const readable = ctx.now();
  const freshness = ctx.metrics.freshnessSeconds.labels({ view: view.name });
  for (const row of batch.online) freshness.observe(Math.max(0, readable - row.eventTimestamp) / 1000);
}

/** The offline append (idempotent by message id). */
export async function appendOffline(ctx: CommitContext, view: FeatureView, batch: PreparedBatch): Promise<void> {
  if (batch.online.length) await appendStreamRows(ctx.offline, view, batch.offline);
}
