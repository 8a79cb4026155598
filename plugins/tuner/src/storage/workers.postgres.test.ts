import { describeWithService, postgresTestUrl, tcpTargetOfUrl } from '@mlops/testkit';
import { workersConformance } from '../__fixtures__/workersConformance';
import { postgresSubject } from '../__fixtures__/storageSubjects';

describeWithService('postgres', tcpTargetOfUrl(postgresTestUrl(), 5432), () => {
  workersConformance('worker processes on Postgres', postgresSubject);
});
