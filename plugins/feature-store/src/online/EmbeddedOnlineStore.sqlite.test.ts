import { onlineStoreConformance } from '@mlops/testkit';
import { sqliteOnlineSubject } from './__fixtures__/embeddedSubjects';

onlineStoreConformance('EmbeddedOnlineStore on SQLite', sqliteOnlineSubject);
