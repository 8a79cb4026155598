import { messages } from '../messages';
import type { CheckContext } from './CheckContext';

/**
 * Schema columns absent from the frame (`missingColumn`) and frame columns the schema does not
 * declare (`unexpectedColumn`, warn by default). Returns the schema columns that are present.
 */
export function checkColumnSet(ctx: CheckContext): string[] {
  const { schema, input } = ctx;
  const declared = Object.keys(schema.columns);
  const present = declared.filter((name) => input.has(name));
  const missing = declared.filter((name) => !input.has(name));
  for (const column of missing) {
    ctx.add({ check: 'missingColumn', column, severity: ctx.severity('missingColumn', { column }), badCount: input.rowCount || 1, message: messages.missingColumn(column, input.names) });
  }
  const extra = input.names.filter((name) => !(name in schema.columns));
  const severity = ctx.severity('unexpectedColumn');
  for (const column of extra) ctx.add({ check: 'unexpectedColumn', column, severity, badCount: input.rowCount || 1, message: messages.unexpectedColumn(column) });
  if (missing.length === 0 && extra.length === 0) {
    ctx.add({ check: 'missingColumn', severity: ctx.severity('missingColumn'), badCount: 0, message: messages.columnsMatch(declared.length) });
  }
  return present;
}
