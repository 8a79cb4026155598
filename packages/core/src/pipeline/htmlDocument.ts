import type { ArtifactSerializer } from './serializers';

const HTML_BRAND = Symbol.for('mlops.htmlDocument');

/** A self-contained HTML page produced by a step (a validation report, a model card). */
export interface HtmlDocument {
  readonly [HTML_BRAND]: true;
  readonly title: string;
  readonly html: string;
}

/** Wraps a complete HTML page so the runner stores it as a `text/html` artifact (`mlops report` finds it). */
export function htmlDocument(title: string, html: string): HtmlDocument {
  return Object.freeze({ [HTML_BRAND]: true as const, title, html });
}

export function isHtmlDocument(value: unknown): value is HtmlDocument {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[HTML_BRAND] === true;
}

/** Stores the page as UTF-8; the record carries `contentType: text/html` and the title. */
export const htmlSerializer: ArtifactSerializer<HtmlDocument> = {
  name: 'html',
  canHandle: isHtmlDocument,
  serialize: (doc) => new TextEncoder().encode(doc.html),
  deserialize: (bytes) => {
    const html = new TextDecoder().decode(bytes);
    return htmlDocument(/<title>([^<]*)<\/title>/i.exec(html)?.[1] ?? 'document', html);
  },
  describe: (doc) => ({ contentType: 'text/html', title: doc.title, bytes: Buffer.byteLength(doc.html) }),
};
