export type * from './Orchestrator';
export * from './orchestrationOptions';
// planRun and runPipelineStep are exported lazily by ../lazyExports.
