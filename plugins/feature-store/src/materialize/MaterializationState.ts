import type { SqlTarget } from '../lib/SqlTarget';
import { tableOf } from '../lib/SqlTarget';

/** Stored progress of one view: the watermark and an unfinished window to resume. */
export interface ViewState {
  view: string;
  watermark: number | null;
  newestEventTs: number | null;
  pending: { start: number; end: number; after: string[] | null } | null;
}

/** The `mlops_fs_materialization` table. */
export class MaterializationState {
  constructor(private readonly target: SqlTarget) {}

  async get(view: string): Promise<ViewState> {
    const row = await tableOf(this.target, 'mlops_fs_materialization').where('view', view).first();
    return row ? toState(row) : { view, watermark: null, newestEventTs: null, pending: null };
  }

  async all(): Promise<ViewState[]> {
    return (await tableOf(this.target, 'mlops_fs_materialization').select()).map(toState);
  }

  /** Records a window in progress: `after` is the last entity key written (null before the first chunk). */
  async savePending(view: string, start: number, end: number, after: string[] | null, newestEventTs: number | null): Promise<void> {
    await this.upsert(view, { pending_start: start, pending_end: end, pending_after: after === null ? null : JSON.stringify(after), newest_event_ts: newestEventTs });
  }

  /** Closes a window: the watermark moves to its end (never backwards). */
  async complete(view: string, end: number, previous: number | null, newestEventTs: number | null): Promise<void> {
    await this.upsert(view, { watermark: Math.max(end, previous ?? -Infinity), newest_event_ts: newestEventTs, pending_start: null, pending_end: null, pending_after: null });
  }

  private async upsert(view: string, fields: Record<string, unknown>): Promise<void> {
    await tableOf(this.target, 'mlops_fs_materialization')
      .insert({ view, ...fields, updated_at: Date.now() })
      .onConflict('view')
      .merge();
  }
}

function toState(row: Record<string, unknown>): ViewState {
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  const start = num(row.pending_start);
  const end = num(row.pending_end);
  return {
    view: String(row.view),
    watermark: num(row.watermark),
    newestEventTs: num(row.newest_event_ts),
    pending: start !== null && end !== null ? { start, end, after: row.pending_after ? (JSON.parse(String(row.pending_after)) as string[]) : null } : null,
  };
}
