// Runtime pieces that only a command which runs a pipeline needs (`mlops run`, the orchestrators,
// the tuner): the index exports them as thin functions that require their module on first call, so
// importing `@mlops/core` (every config file does) stays cheap for `mlops runs ls` or `serve`. The
// runner alone pulls in about 25 modules (BENCHMARKS.md, CLI start-up; startup.test.ts guards it).
// Each export keeps the exact type of the function it stands for.

type RunPipelineModule = typeof import('./pipeline/runPipeline');
type AbandonedModule = typeof import('./pipeline/lib/markAbandonedRuns');
type CodeDigestModule = typeof import('./pipeline/codeDigest');
type EnvironmentModule = typeof import('./tracking/captureEnvironment');
type StepModule = typeof import('./orchestration/runPipelineStep');
type MetricsModule = typeof import('./metrics/renderMetricFamilies');

/** A function that loads `load()`'s module on its first call and forwards to its export `name`. */
function lazy<M, K extends keyof M>(load: () => M, name: K): M[K] {
  const forward = (...args: unknown[]) => (load()[name] as (...a: unknown[]) => unknown)(...args);
  Object.defineProperty(forward, 'name', { value: name });
  return forward as M[K];
}

const runner = () => require('./pipeline/runPipeline') as RunPipelineModule;
const abandoned = () => require('./pipeline/lib/markAbandonedRuns') as AbandonedModule;
const environment = () => require('./tracking/captureEnvironment') as EnvironmentModule;
const stepRunner = () => require('./orchestration/runPipelineStep') as StepModule;
const metrics = () => require('./metrics/renderMetricFamilies') as MetricsModule;

export const runPipeline = lazy(runner, 'runPipeline');
export const loadPipeline = lazy(runner, 'loadPipeline');
export const findPipeline = lazy(runner, 'findPipeline');
export type { RunOptions, RunResult } from './pipeline/runPipeline';
export const markAbandonedRuns = lazy(abandoned, 'markAbandonedRuns');
export const markInterrupted = lazy(abandoned, 'markInterrupted');
export const codeDigest = lazy(() => require('./pipeline/codeDigest') as CodeDigestModule, 'codeDigest');
export const captureEnvironment = lazy(environment, 'captureEnvironment');
export const gitState = lazy(environment, 'gitState');
export const lockfileDigest = lazy(environment, 'lockfileDigest');
export const planRun = lazy(stepRunner, 'planRun');
export const runPipelineStep = lazy(stepRunner, 'runPipelineStep');
export type { RunPlan, PipelineStepTask, PipelineStepResult, PipelineStepOptions } from './orchestration/runPipelineStep';
export const renderMetricFamilies = lazy(metrics, 'renderMetricFamilies');
export const escapeLabelValue = lazy(metrics, 'escapeLabelValue');
export type { RenderedMetrics } from './metrics/renderMetricFamilies';
