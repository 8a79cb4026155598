import { badParam } from '../errors';
import { checkText } from './checkRequestTexts';

/** An integer query parameter within [min, max], or `fallback` when absent. */
export function intParam(query: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw badParam(name, `an integer from ${min} to ${max}`, raw);
  return n;
}

/** A comma-separated list parameter (empty entries dropped). */
export function listParam(query: URLSearchParams, name: string): string[] {
  const raw = query.get(name);
  return raw ? raw.split(',').map((s) => s.trim()).filter(Boolean) : [];
}

/** A string field of a POST body; `required` makes a missing one a 400. */
export function stringField(body: Record<string, unknown>, name: string, required: boolean): string | undefined {
  const v = body[name];
  if (v === undefined || v === null || v === '') {
    if (required) throw badParam(name, 'a non-empty string', v);
    return undefined;
  }
  if (typeof v !== 'string') throw badParam(name, 'a string', v);
  checkText(name, v);
  return v;
}
