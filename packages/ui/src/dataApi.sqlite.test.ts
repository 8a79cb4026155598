import { dataApiCases } from './__fixtures__/dataApiCases';

dataApiCases('sqlite');
