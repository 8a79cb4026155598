import { buildModelCard, type ModelCardInput } from './buildModelCard';
import { renderHtml } from './renderHtml';
import { renderMarkdown } from './renderMarkdown';

/** A version's model card as Markdown or as a self-contained HTML page. */
export async function renderModelCard(input: ModelCardInput & { format: 'markdown' | 'html' }): Promise<string> {
  const content = await buildModelCard(input);
  return input.format === 'html' ? renderHtml(content) : renderMarkdown(content);
}
