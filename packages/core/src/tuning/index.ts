export type * from './Tuner';
export { defineStudy, type StudyDefinition } from './StudyDefinition';
