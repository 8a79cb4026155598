import { createHash } from 'node:crypto';
import { escapeHtml } from './escapeHtml';
import { pageCss } from './pageCss';

/** What {@link renderPage} wraps: a title, the body's HTML, and optional extra CSS or inline script. */
export interface PageOptions {
  title: string;
  /** Trusted HTML (built with this package's helpers, which escape every text). */
  body: string;
  css?: string;
  /** One inline script, allowed by its hash in the page's Content-Security-Policy (nothing else runs). */
  script?: string;
}

/**
 * A complete, self-contained HTML document. Its Content-Security-Policy forbids every fetch (no
 * network, no external script, style, font or image) and every script but `script`, so the page is
 * inert offline and a name that slipped through unescaped still could not run.
 */
export function renderPage(options: PageOptions): string {
  const scriptSrc = options.script === undefined ? '' : `; script-src 'sha256-${createHash('sha256').update(options.script).digest('base64')}'`;
  const csp = `default-src 'none'; style-src 'unsafe-inline'; img-src data:${scriptSrc}`;
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(options.title)}</title>`,
    `<style>${pageCss}${options.css ?? ''}</style>`,
    '</head><body>',
    options.body,
    options.script === undefined ? '' : `<script>${options.script}</script>`,
    '</body></html>',
    '',
  ].join('\n');
}
