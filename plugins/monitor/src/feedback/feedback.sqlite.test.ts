import { feedbackConformance } from '../__fixtures__/feedbackConformance';
import { sqliteLogSubject } from '../__fixtures__/logSubjects';

feedbackConformance('feedback and window performance on SQLite', sqliteLogSubject);
