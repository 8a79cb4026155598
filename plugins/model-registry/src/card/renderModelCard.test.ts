import { describe, expect, it } from '@jest/globals';
import { MemoryArtifactStore } from '@mlops/testkit';
import type { CardContent } from './CardBlock';
import { renderHtml } from './renderHtml';
import { renderMarkdown } from './renderMarkdown';
import { summariseBaseline } from './summariseBaseline';

const hostile = 'a|b <img src=x onerror=alert(1)> *bold* [link](http://x) `code` "q" \'s\' & \\ end\nnext';

const card: CardContent = {
  title: `Model card: ${hostile}`,
  blocks: [
    { kind: 'heading', level: 2, text: hostile },
    { kind: 'text', text: hostile },
    { kind: 'fields', rows: [['Owner', hostile], ['Limitations', null]] },
    { kind: 'table', head: ['k', 'v'], rows: [[hostile, '1']] },
    { kind: 'table', head: ['k'], rows: [] },
  ],
};

describe('model card renderers', () => {
  it('Markdown: escapes structure and raw HTML, keeps one table row per row, shows gaps', () => {
    const md = renderMarkdown(card);
    const escaped = 'a\\|b \\<img src=x onerror=alert(1)\\> \\*bold\\* \\[link\\](http://x) \\`code\\` "q" \'s\' & \\\\ end next';
    expect(md).toContain(`## ${escaped}`);
    expect(md).toContain(`- **Owner:** ${escaped}`);
    expect(md).toContain('- **Limitations:** _not stated_');
    expect(md).toContain(`| ${escaped} | 1 |`);
    expect(md).toContain('_none_');
    expect(md).not.toMatch(/[^\\]<img/);
  });

  it('HTML: escapes every text, and the page has no scripts or external resources', () => {
    const html = renderHtml(card);
    expect(html).toContain('<dd>a|b &lt;img src=x onerror=alert(1)&gt; *bold* [link](http://x) `code` &quot;q&quot; &#39;s&#39; &amp; \\ end\nnext</dd>');
    expect(html).toContain('<span class="missing">not stated</span>');
    expect(html).not.toMatch(/<img|<script|<link|@import|url\(/i);
  });

  it('reports a baseline that is not one instead of failing the card', async () => {
    const artifacts = new MemoryArtifactStore();
    const blob = await artifacts.put(new TextEncoder().encode('[1, 2]'));
    expect(await summariseBaseline(artifacts, blob.digest)).toEqual([{ kind: 'text', text: `Baseline ${blob.digest} could not be read: expected a validator baseline with "columns"` }]);
    const missing = `sha256:${'0'.repeat(64)}`;
    expect((await summariseBaseline(artifacts, missing))[0]).toMatchObject({ kind: 'text', text: expect.stringContaining(`Baseline ${missing} could not be read`) });
  });
});
