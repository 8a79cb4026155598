import { defineLazyExport } from '../util/defineLazyExport';

export type * from './Orchestrator';
export type { RetryPolicy, StepPolicy, ScheduleOptions, OrchestrationOptions } from './orchestrationOptions';
export { stepPolicyOf, retryDelayMs } from './stepPolicy';
// planRun and runPipelineStep are exported lazily by ../lazyExports.

// The option schemas load zod: only an orchestrator plugin reads them, so `mlops runs ls` never does.
type Schemas = typeof import('./orchestrationOptions');
const schemas = () => require('./orchestrationOptions') as Schemas;
export declare const retryPolicySchema: Schemas['retryPolicySchema'];
export declare const stepPolicySchema: Schemas['stepPolicySchema'];
export declare const scheduleSchema: Schemas['scheduleSchema'];
export declare const orchestrationOptions: Schemas['orchestrationOptions'];
// Assigned first so that ESM's named imports find them (Node reads CommonJS export names from the source).
exports.retryPolicySchema = exports.stepPolicySchema = exports.scheduleSchema = exports.orchestrationOptions = undefined;
for (const name of ['retryPolicySchema', 'stepPolicySchema', 'scheduleSchema', 'orchestrationOptions'] as const) defineLazyExport(exports, name, () => schemas()[name]);
