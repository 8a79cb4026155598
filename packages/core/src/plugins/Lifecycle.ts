/** Result of a health probe. `ok: false` makes `/ready` and `mlops plugins ls` report the reason. */
export interface Health {
  ok: boolean;
  detail?: string;
}

/**
 * Optional lifecycle of any service a plugin creates. The runtime calls `start` after creation in
 * dependency order and `close` in reverse order, on normal exit and on SIGINT/SIGTERM.
 */
export interface Lifecycle {
  start?(): Promise<void> | void;
  health?(): Promise<Health> | Health;
  close?(): Promise<void> | void;
}
