import { describeWithService, dropPostgresSchema, postgresTestUrl, tcpTargetOfUrl, uniqueTestName } from '@mlops/testkit';
import { performanceReportConformance } from '../__fixtures__/performanceReportConformance';

describeWithService('postgres', tcpTargetOfUrl(postgresTestUrl(), 5432), () => {
  performanceReportConformance('performance-drop rules and the drift report on Postgres', async () => {
    const schema = uniqueTestName();
    return { store: { use: '@mlops/storage-postgres', options: { connection: postgresTestUrl(), schema } }, cleanup: () => dropPostgresSchema(schema) };
  });
});
