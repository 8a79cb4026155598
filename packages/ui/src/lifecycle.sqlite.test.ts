import { lifecycleApiCases } from './__fixtures__/lifecycleApiCases';

lifecycleApiCases('sqlite');
