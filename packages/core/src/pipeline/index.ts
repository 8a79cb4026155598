export * from './step';
export * from './pipeline';
export * from './cutPlan';
export * from './serializers';
export * from './events';
// runPipeline, codeDigest and markAbandonedRuns are exported lazily by ../lazyExports.
export { htmlDocument, isHtmlDocument, htmlSerializer, type HtmlDocument } from './htmlDocument';
