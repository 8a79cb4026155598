import { predictionLogConformance } from './__fixtures__/predictionLogConformance';
import { sqliteLogSubject } from './__fixtures__/logSubjects';

predictionLogConformance('PredictionLog on SQLite', sqliteLogSubject);
