import { trackerConformance } from './__fixtures__/trackerConformance';
import { sqliteTrackerSubject } from './__fixtures__/trackerSubjects';

// SQLite serialises writers, so one writer seeds the 10k runs.
trackerConformance('SqlTracker on SQLite', sqliteTrackerSubject, { writers: 1 });
