import { workersConformance } from '../__fixtures__/workersConformance';
import { sqliteSubject } from '../__fixtures__/storageSubjects';

workersConformance('worker processes on SQLite', sqliteSubject);
