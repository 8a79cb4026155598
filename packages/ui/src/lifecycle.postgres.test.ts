import { describeWithService, postgresTestUrl, tcpTargetOfUrl } from '@mlops/testkit';
import { lifecycleApiCases } from './__fixtures__/lifecycleApiCases';

describeWithService('postgres', tcpTargetOfUrl(postgresTestUrl(), 5432), () => lifecycleApiCases('postgres'));
