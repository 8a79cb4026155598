export * from './step';
export * from './pipeline';
export * from './serializers';
export * from './events';
export * from './runPipeline';
export { codeDigest } from './codeDigest';
export { markAbandonedRuns, markInterrupted } from './lib/markAbandonedRuns';
export { htmlDocument, isHtmlDocument, htmlSerializer, type HtmlDocument } from './htmlDocument';
