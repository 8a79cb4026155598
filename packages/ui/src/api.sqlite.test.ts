import { apiCases } from './__fixtures__/apiCases';

apiCases('sqlite');
