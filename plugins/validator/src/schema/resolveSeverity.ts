import type { CheckName } from './checkNames';
import type { DatasetSchema } from './defineSchema';

/** How loud a failing check is. */
export type Severity = 'error' | 'warn';

// Checks that describe the data rather than break it: reported, but they fail a run only when asked.
const advisory = new Set<CheckName>(['unexpectedColumn', 'outliers', 'pii', 'temporalGap']);

/**
 * The severity of one check. Precedence: the check's inline `severity`, then the column's
 * `severity` map, then the schema's `severity` map, then `fallback` (the check's natural default:
 * `warn` for advisory checks and repairs, else the plugin's `defaultSeverity`).
 */
export function resolveSeverity(
  schema: DatasetSchema,
  check: CheckName,
  where: { column?: string; inline?: Severity; fallback?: Severity },
  pluginDefault: Severity,
): Severity {
  const column = where.column === undefined ? undefined : schema.columns[where.column];
  return where.inline ?? column?.severity?.[check] ?? schema.severity?.[check] ?? where.fallback ?? (advisory.has(check) ? 'warn' : pluginDefault);
}
