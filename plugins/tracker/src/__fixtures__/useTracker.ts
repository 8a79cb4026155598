import { afterAll, beforeAll } from '@jest/globals';
import type { TrackerSubject, TrackerSubjectFactory } from './trackerSubjects';

/** Creates the subject before the enclosing `describe` and cleans it up after. */
export function useTracker(factory: TrackerSubjectFactory): () => TrackerSubject {
  let subject: TrackerSubject | undefined;
  beforeAll(async () => {
    subject = await factory();
  });
  afterAll(async () => {
    await subject?.cleanup();
  });
  return () => {
    if (!subject) throw new Error('the tracker subject was not created (did the factory throw?)');
    return subject;
  };
}

let counter = 0;

/** A fresh experiment name per test, so tests sharing one database do not see each other's runs. */
export function experimentName(label: string): string {
  return `${label}-${process.pid}-${++counter}-${Math.random().toString(36).slice(2, 8)}`;
}
