import { describe } from '@jest/globals';
import { registryCases } from './__fixtures__/registryCases';
import { sqliteDatabase } from './__fixtures__/subjects';

describe('SqlModelRegistry on SQLite', () => {
  registryCases(sqliteDatabase);
});
