import { describeWithService, postgresTestUrl, tcpTargetOfUrl } from '@mlops/testkit';
import { apiCases } from './__fixtures__/apiCases';

describeWithService('postgres', tcpTargetOfUrl(postgresTestUrl(), 5432), () => apiCases('postgres'));
