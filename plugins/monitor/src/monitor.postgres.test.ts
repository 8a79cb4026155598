import { describeWithService, dropPostgresSchema, postgresTestUrl, tcpTargetOfUrl, uniqueTestName } from '@mlops/testkit';
import { monitorConformance } from './__fixtures__/monitorConformance';

describeWithService('postgres', tcpTargetOfUrl(postgresTestUrl(), 5432), () => {
  monitorConformance('monitor on Postgres', async () => {
    const schema = uniqueTestName();
    return { store: { use: '@mlops/storage-postgres', options: { connection: postgresTestUrl(), schema } }, cleanup: () => dropPostgresSchema(schema) };
  });
});
