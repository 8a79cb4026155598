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

/**
 * Validates a micro-batch, writes the valid events online (the store keeps the newer event time,
 * so a late or replayed event never overwrites a newer value) and appends them to the offline
 * stream table (a message id already there is skipped). When it returns both writes are committed
 * and the caller may acknowledge; when it throws nothing may be acknowledged, and a redelivery
 * repeats both writes harmlessly.
 */
export async function commitEvents(ctx: CommitContext, view: FeatureView, events: readonly IncomingEvent[]): Promise<CommitOutcome> {
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
  const label = { view: view.name };
  ctx.metrics.eventsIn.inc(label, events.length);
  for (const r of refused) ctx.metrics.deadLettered.inc({ view: view.name, reason: r.problem.code });
  if (online.length) {
    const freshness = ctx.metrics.freshnessSeconds.labels(label);
    // The two writes are independent (the ack waits for both), so they run at once: the value is
    // readable online one offline commit sooner. Both are settled before a failure is thrown, so a
    // retry never races a write still in flight.
    const [wroteOnline, appended] = await Promise.allSettled([
      ctx.online.write(view.name, online, { expireAfterMs: view.ttlMs }).then(() => {
        const readable = ctx.now();
        for (const row of online) freshness.observe(Math.max(0, readable - row.eventTimestamp) / 1000);
      }),
      appendStreamRows(ctx.offline, view, offline),
    ]);
    if (wroteOnline.status === 'rejected') throw wroteOnline.reason;
    if (appended.status === 'rejected') throw appended.reason;
    ctx.metrics.written.inc(label, online.length);
  }
  return { written: online.length, refused };
}
