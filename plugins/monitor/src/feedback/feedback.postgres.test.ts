import { describeWithService, postgresTestUrl, tcpTargetOfUrl } from '@mlops/testkit';
import { feedbackConformance } from '../__fixtures__/feedbackConformance';
import { postgresLogSubject } from '../__fixtures__/logSubjects';

describeWithService('postgres', tcpTargetOfUrl(postgresTestUrl(), 5432), () => {
  feedbackConformance('feedback and window performance on Postgres', postgresLogSubject);
});
