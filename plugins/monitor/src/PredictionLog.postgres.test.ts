import { describeWithService, postgresTestUrl, tcpTargetOfUrl } from '@mlops/testkit';
import { postgresLogSubject } from './__fixtures__/logSubjects';
import { predictionLogConformance } from './__fixtures__/predictionLogConformance';

describeWithService('postgres', tcpTargetOfUrl(postgresTestUrl(), 5432), () => {
  predictionLogConformance('PredictionLog on Postgres', postgresLogSubject);
});
