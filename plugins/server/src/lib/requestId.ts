// Per-process prefix + counter: unique across workers and restarts without a random call per request.
const idPrefix = `${process.pid.toString(36)}${Date.now().toString(36).slice(-4)}`;
let idCounter = 0;

/** The client's `x-request-id` if it sent a usable one (1–128 characters), else a new id. */
export function requestIdOf(given: string | string[] | undefined): string {
  return typeof given === 'string' && given.length > 0 && given.length <= 128 ? given : `${idPrefix}-${(++idCounter).toString(36)}`;
}
