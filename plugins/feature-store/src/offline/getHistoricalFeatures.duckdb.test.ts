import { describe } from '@jest/globals';
import { describeWithService, postgresTestUrl, tcpTargetOfUrl } from '@mlops/testkit';
import { historicalCases } from '../__fixtures__/historicalCases';
import { postgresTarget, sqliteTarget } from '../__fixtures__/targets';

// The same oracle cases as the SQL engine's, with the DuckDB engine (its SQL source staged from SQLite, then Postgres).
describe('getHistoricalFeatures with offlineEngine duckdb (SQL source on SQLite)', () => historicalCases(sqliteTarget, 'duckdb'));
describeWithService('postgres', tcpTargetOfUrl(postgresTestUrl(), 5432), () => historicalCases(postgresTarget, 'duckdb'));
