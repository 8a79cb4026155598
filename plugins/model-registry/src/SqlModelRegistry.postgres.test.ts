import { describeWithService, postgresTestUrl, tcpTargetOfUrl } from '@mlops/testkit';
import { registryCases } from './__fixtures__/registryCases';
import { postgresDatabase } from './__fixtures__/subjects';

describeWithService('postgres', tcpTargetOfUrl(postgresTestUrl(), 5432), () => {
  registryCases(postgresDatabase);
});
