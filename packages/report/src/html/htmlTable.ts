import { escapeHtml } from './escapeHtml';

/** A table cell: text (escaped), a number (right-aligned as given), or trusted HTML. */
export type TableCell = string | { text: string; className?: string; numeric?: boolean } | { html: string; className?: string; numeric?: boolean };

/** A row: its cells, and an optional class (e.g. `drifted`). */
export interface TableRow {
  cells: TableCell[];
  className?: string;
}

/** What {@link htmlTable} renders; `numeric` columns are right-aligned with tabular digits. */
export interface TableOptions {
  columns: Array<{ label: string; numeric?: boolean }>;
  rows: TableRow[];
  id?: string;
}

function renderCell(cell: TableCell, numericColumn: boolean): string {
  const c = typeof cell === 'string' ? { text: cell } : cell;
  const classes = [numericColumn || c.numeric ? 'num' : '', c.className ?? ''].filter(Boolean).join(' ');
  const content = 'html' in c ? c.html : escapeHtml(c.text);
  return `<td${classes ? ` class="${escapeHtml(classes)}"` : ''}>${content}</td>`;
}

/** An HTML table whose every text is escaped (only `{ html }` cells pass through as they are). */
export function htmlTable(options: TableOptions): string {
  const head = options.columns.map((c) => `<th${c.numeric ? ' class="num"' : ''}>${escapeHtml(c.label)}</th>`).join('');
  const body = options.rows
    .map((row) => `<tr${row.className ? ` class="${escapeHtml(row.className)}"` : ''}>${row.cells.map((cell, i) => renderCell(cell, options.columns[i]?.numeric ?? false)).join('')}</tr>`)
    .join('\n');
  return `<table${options.id ? ` id="${escapeHtml(options.id)}"` : ''}><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}
