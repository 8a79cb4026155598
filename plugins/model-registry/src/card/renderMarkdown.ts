import { notStated, type CardBlock, type CardContent } from './CardBlock';

// Backslash-escapes what would change the Markdown's structure or let raw HTML through.
const escape = (text: string) => text.replace(/[\\`*[\]<>|#]/g, '\\$&').replace(/\r?\n/g, ' ');

function block(b: CardBlock): string {
  switch (b.kind) {
    case 'heading':
      return `${'#'.repeat(b.level)} ${escape(b.text)}`;
    case 'text':
      return escape(b.text);
    case 'fields':
      return b.rows.map(([label, value]) => `- **${escape(label)}:** ${value === null ? `_${notStated}_` : escape(value)}`).join('\n');
    case 'table': {
      const line = (cells: string[]) => `| ${cells.map(escape).join(' | ')} |`;
      if (b.rows.length === 0) return '_none_';
      return [line(b.head), `|${b.head.map(() => ' --- |').join('')}`, ...b.rows.map(line)].join('\n');
    }
  }
}

/** The card as CommonMark with GFM tables. */
export function renderMarkdown(card: CardContent): string {
  return `# ${escape(card.title)}\n\n${card.blocks.map(block).join('\n\n')}\n`;
}
