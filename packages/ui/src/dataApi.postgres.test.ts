import { describeWithService, postgresTestUrl, tcpTargetOfUrl } from '@mlops/testkit';
import { dataApiCases } from './__fixtures__/dataApiCases';

describeWithService('postgres', tcpTargetOfUrl(postgresTestUrl(), 5432), () => dataApiCases('postgres'));
