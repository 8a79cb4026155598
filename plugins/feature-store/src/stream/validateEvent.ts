import { storableText, textProblem, type FeatureScalar } from '@mlops/core';
import type { FeatureType, FeatureView, StreamSource } from '../definitions/types';
import { joinKeysOf } from '../offline/stageTable';

/** Why an event was refused: a short code (the metric label) and the sentence for the dead-letter entry. */
export interface EventProblem {
  code: 'not_json' | 'not_object' | 'join_key' | 'timestamp' | 'feature_type' | 'text';
  reason: string;
}

/** A valid event: join key texts, event time (epoch ms), typed feature values in the view's order. */
export interface ValidEvent {
  keys: string[];
  eventTs: number;
  values: FeatureScalar[];
  /** The event's own id (the source's `idField`), when it has one. */
  id?: string;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Checks one event against the view's schema: an object with every join key (string or number),
 * the timestamp column (epoch ms or ISO-8601 text) and each feature of its declared type or null
 * (a missing feature is null). Other fields are ignored. Never throws: a problem is returned.
 */
export function validateEvent(view: FeatureView, raw: Uint8Array | string | object): ValidEvent | EventProblem {
  let event: unknown = raw;
  if (typeof raw === 'string' || raw instanceof Uint8Array) {
    try {
      event = JSON.parse(typeof raw === 'string' ? raw : decoder.decode(raw));
    } catch (error) {
      return { code: 'not_json', reason: `expected a JSON object, received text that is not JSON (${(error as Error).message})` };
    }
  }
  if (typeof event !== 'object' || event === null || Array.isArray(event)) return { code: 'not_object', reason: `expected a JSON object, received ${describe(event)}` };
  const record = event as Record<string, unknown>;
  const keys: string[] = [];
  for (const key of joinKeysOf(view)) {
    const v = record[key];
    if (!((typeof v === 'string' && v !== '') || (typeof v === 'number' && Number.isFinite(v)))) return { code: 'join_key', reason: `${key}: expected a join key (non-empty string or number), received ${describe(v)}` };
    const problem = typeof v === 'string' ? textProblem(v) : undefined;
    if (problem) return textRefused(key, problem);
    keys.push(String(v));
  }
  const source = view.source as StreamSource;
  const eventTs = timeOf(record[source.timestampColumn]);
  if (eventTs === undefined) return { code: 'timestamp', reason: `${source.timestampColumn}: expected epoch milliseconds or an ISO-8601 time, received ${describe(record[source.timestampColumn])}` };
  const values: FeatureScalar[] = [];
  for (const [feature, type] of Object.entries(view.features)) {
    const v = record[feature];
    if (v === undefined || v === null) values.push(null);
    else if (fits(type, v)) {
      const problem = typeof v === 'string' ? textProblem(v) : undefined;
      if (problem) return textRefused(feature, problem);
      values.push(v as FeatureScalar);
    } else return { code: 'feature_type', reason: `${feature}: expected ${type} or null, received ${describe(v)}` };
  }
  const id = source.idField === undefined ? undefined : record[source.idField];
  const idProblem = typeof id === 'string' ? textProblem(id) : undefined;
  if (idProblem) return textRefused(source.idField!, idProblem);
  return typeof id === 'string' || typeof id === 'number' ? { keys, eventTs, values, id: String(id) } : { keys, eventTs, values };
}

/** True when `v` is an {@link EventProblem}. */
export function isProblem(v: ValidEvent | EventProblem): v is EventProblem {
  return 'code' in v;
}

/**
 * Both stores must hold a text exactly as sent: Postgres refuses NUL (a batch holding one would
 * fail on every redelivery and stall the stream), and a lone surrogate would be stored as U+FFFD
 * offline while the online JSON kept it, so training and serving would see different values.
 */
function textRefused(field: string, problem: string): EventProblem {
  return { code: 'text', reason: `${field}: expected ${storableText}, received ${problem}` };
}

function fits(type: FeatureType, v: unknown): boolean {
  switch (type) {
    case 'float':
      return typeof v === 'number' && Number.isFinite(v);
    case 'int':
      return typeof v === 'number' && Number.isSafeInteger(v);
    case 'string':
      return typeof v === 'string';
    case 'bool':
      return typeof v === 'boolean';
  }
}

function timeOf(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(v)) return undefined;
  const ms = Date.parse(v);
  return Number.isNaN(ms) ? undefined : ms;
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (typeof v === 'object' && v !== null) return 'an object';
  return String(v);
}
