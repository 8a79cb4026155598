export type * from './Tuner';
export { defineStudy, type StudyDefinition } from './StudyDefinition';
export { reportIterations, reportingTrainer, TrialPrunedError, trialPrunedCode, type IterationReporter } from './reportingTrainer';
