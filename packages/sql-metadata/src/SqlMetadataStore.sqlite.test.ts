import { metadataStoreConformance } from '@mlops/testkit';
import { sqliteSubject } from './__fixtures__/subjects';

metadataStoreConformance('SqlMetadataStore on SQLite', sqliteSubject);
