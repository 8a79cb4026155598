/** SQL text with `?` value and `??` identifier placeholders, for `knex.raw`-style calls. */
export interface SqlFragment {
  sql: string;
  bindings: (string | number)[];
}

/** Names the compiler needs from its caller: qualified table names and the dialect. */
export interface SqlContext {
  /** `tracker_latest_metrics` → `schema.tracker_latest_metrics` when a Postgres schema is set. */
  table(name: string): string;
  dialect: 'sqlite' | 'postgresql';
}
