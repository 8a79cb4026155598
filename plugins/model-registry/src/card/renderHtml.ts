import { notStated, type CardBlock, type CardContent } from './CardBlock';

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escape = (text: string) => text.replace(/[&<>"']/g, (c) => entities[c]!);

// Inline style only: the page works offline and loads nothing.
const css = `body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:24px;color:#1d232b;background:#fafbfc;max-width:1100px}
h1{font-size:22px}h2{font-size:17px;margin-top:28px;border-bottom:1px solid #dde2e8}h3{font-size:14px}
table{border-collapse:collapse;background:#fff;margin:6px 0}th,td{border:1px solid #dde2e8;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#eef1f5}dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px}dt{color:#667}dd{margin:0;word-break:break-word}
.missing{color:#b26a00;font-style:italic}`;

function block(b: CardBlock): string {
  switch (b.kind) {
    case 'heading':
      return `<h${b.level}>${escape(b.text)}</h${b.level}>`;
    case 'text':
      return `<p>${escape(b.text)}</p>`;
    case 'fields':
      return `<dl>${b.rows.map(([label, value]) => `<dt>${escape(label)}</dt><dd>${value === null ? `<span class="missing">${notStated}</span>` : escape(value)}</dd>`).join('')}</dl>`;
    case 'table':
      if (b.rows.length === 0) return '<p class="missing">none</p>';
      return `<table><thead><tr>${b.head.map((h) => `<th>${escape(h)}</th>`).join('')}</tr></thead><tbody>${b.rows
        .map((r) => `<tr>${r.map((c) => `<td>${escape(c)}</td>`).join('')}</tr>`)
        .join('')}</tbody></table>`;
  }
}

/** The card as one self-contained HTML page: escaped text, inline CSS, no scripts, no external resources. */
export function renderHtml(card: CardContent): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(card.title)}</title><style>${css}</style></head>
<body><h1>${escape(card.title)}</h1>
${card.blocks.map(block).join('\n')}
</body></html>
`;
}
