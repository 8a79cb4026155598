import { describeWithService, onlineStoreConformance, postgresTestUrl, tcpTargetOfUrl } from '@mlops/testkit';
import { postgresOnlineSubject } from './__fixtures__/embeddedSubjects';

describeWithService('postgres', tcpTargetOfUrl(postgresTestUrl(), 5432), () => {
  onlineStoreConformance('EmbeddedOnlineStore on Postgres', postgresOnlineSubject);
});
