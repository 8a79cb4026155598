import { describe } from '@jest/globals';
import { metricCases } from './cases/metricCases';
import { paramCases } from './cases/paramCases';
import { runCases } from './cases/runCases';
import { scaleCases } from './cases/scaleCases';
import { searchCases } from './cases/searchCases';
import type { TrackerSubjectFactory } from './trackerSubjects';
import { useTracker } from './useTracker';

/** Every behaviour of the tracker, run against one database per test file. */
export function trackerConformance(title: string, factory: TrackerSubjectFactory, options: { writers: number }): void {
  describe(title, () => {
    const subject = useTracker(factory);
    runCases(subject);
    paramCases(subject);
    metricCases(subject);
    describe('search', () => searchCases(subject));
    scaleCases(subject, options);
  });
}
