import { describeWithService, postgresTestUrl, tcpTargetOfUrl } from '@mlops/testkit';
import { historicalCases } from '../__fixtures__/historicalCases';
import { postgresTarget } from '../__fixtures__/targets';

describeWithService('postgres', tcpTargetOfUrl(postgresTestUrl(), 5432), () => historicalCases(postgresTarget));
