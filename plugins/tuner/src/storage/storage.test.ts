import { describeWithService, postgresTestUrl, tcpTargetOfUrl } from '@mlops/testkit';
import { storageConformance } from '../__fixtures__/storageConformance';
import { memorySubject, postgresSubject, sqliteSubject } from '../__fixtures__/storageSubjects';

storageConformance('InMemoryStorage', memorySubject);
storageConformance('SqlTunerStorage on SQLite', sqliteSubject);
describeWithService('postgres', tcpTargetOfUrl(postgresTestUrl(), 5432), () => {
  storageConformance('SqlTunerStorage on Postgres', postgresSubject);
});
