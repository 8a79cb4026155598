import { describeWithService, metadataStoreConformance, postgresTestUrl, tcpTargetOfUrl } from '@mlops/testkit';
import { postgresSubject } from './__fixtures__/subjects';

describeWithService('postgres', tcpTargetOfUrl(postgresTestUrl(), 5432), () => {
  metadataStoreConformance('SqlMetadataStore on Postgres', postgresSubject);
});
