import type { FeatureScalar, OnlineFeatureRow, OnlineReadResult, OnlineStore } from '@mlops/core';

interface Stored {
  values: Record<string, FeatureScalar>;
  eventTimestamp: number;
  writtenAt: number;
  expiresAt: number | null;
}

/**
 * {@link OnlineStore} in a Map, for tests of code that needs an online store (and as the reference
 * the conformance suite is checked against). Not for production: nothing survives the process.
 */
export class MemoryOnlineStore implements OnlineStore {
  private readonly views = new Map<string, Map<string, Stored>>();

  async write(view: string, rows: readonly OnlineFeatureRow[], options: { expireAfterMs?: number | null } = {}): Promise<void> {
    const expireAfterMs = options.expireAfterMs ?? null;
    if (expireAfterMs !== null && !(Number.isFinite(expireAfterMs) && expireAfterMs > 0)) {
      throw new Error(`online store write to view "${view}": expireAfterMs: expected a positive number of milliseconds or null, received ${String(expireAfterMs)}`);
    }
    rows.forEach((r) => checkRow(view, r));
    const now = Date.now();
    let entities = this.views.get(view);
    if (!entities) this.views.set(view, (entities = new Map()));
    for (const r of rows) {
      const current = live(entities.get(r.entityKey), now);
      if (current && current.eventTimestamp > r.eventTimestamp) continue;
      // Through JSON, as a serializing store would: -0 becomes 0 and the caller's object is not kept.
      const values = JSON.parse(JSON.stringify(r.values)) as Record<string, FeatureScalar>;
      entities.set(r.entityKey, { values, eventTimestamp: r.eventTimestamp, writtenAt: now, expiresAt: expireAfterMs === null ? null : now + expireAfterMs });
    }
  }

  async read(view: string, entityKeys: readonly string[], features: readonly string[]): Promise<(OnlineReadResult | null)[]> {
    const now = Date.now();
    const entities = this.views.get(view);
    return entities === undefined
      ? entityKeys.map(() => null)
      : entityKeys.map((key) => {
          const stored = live(entities.get(key), now);
          if (!stored) return null;
          const values = Object.fromEntries(features.map((f) => [f, stored.values[f] ?? null]));
          return { values, eventTimestamp: stored.eventTimestamp, writtenAt: stored.writtenAt };
        });
  }

  async deleteView(view: string): Promise<void> {
    this.views.delete(view);
  }
}

function live(stored: Stored | undefined, now: number): Stored | undefined {
  return stored && (stored.expiresAt === null || stored.expiresAt > now) ? stored : undefined;
}

function checkRow(view: string, r: OnlineFeatureRow): void {
  const where = `online store write to view "${view}", entity "${r.entityKey}"`;
  if (typeof r.entityKey !== 'string') throw new Error(`online store write to view "${view}": entityKey: expected a string, received ${typeof r.entityKey}`);
  if (typeof r.eventTimestamp !== 'number' || !Number.isFinite(r.eventTimestamp)) throw new Error(`${where}: eventTimestamp: expected finite epoch milliseconds, received ${String(r.eventTimestamp)}`);
  for (const [feature, value] of Object.entries(r.values)) {
    const ok = value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
    if (!ok) throw new Error(`${where}: feature "${feature}": expected a finite number, string, boolean or null, received ${typeof value === 'number' ? String(value) : typeof value}`);
  }
}
