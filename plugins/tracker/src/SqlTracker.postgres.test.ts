import { describeWithService, postgresTestUrl, tcpTargetOfUrl } from '@mlops/testkit';
import { trackerConformance } from './__fixtures__/trackerConformance';
import { postgresTrackerSubject } from './__fixtures__/trackerSubjects';

describeWithService('postgres', tcpTargetOfUrl(postgresTestUrl(), 5432), () => {
  trackerConformance('SqlTracker on Postgres', postgresTrackerSubject, { writers: 4 });
});
