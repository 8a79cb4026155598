import { describe } from '@jest/globals';
import { historicalCases } from '../__fixtures__/historicalCases';
import { sqliteTarget } from '../__fixtures__/targets';

describe('getHistoricalFeatures on SQLite', () => historicalCases(sqliteTarget));
