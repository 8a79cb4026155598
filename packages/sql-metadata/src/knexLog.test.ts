import { knex } from 'knex';
import { postgresKnexConfig } from './postgresKnexConfig';

describe('knex output', () => {
  it('a refused connection reaches the caller as an error, with nothing printed by knex itself', async () => {
    const printed = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    const warned = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    // Port 1: nothing listens, the connection is refused at once.
    const db = knex({ ...postgresKnexConfig('postgres://postgres@127.0.0.1:1/test'), acquireConnectionTimeout: 3000 });
    try {
      await expect(db.raw('select 1')).rejects.toThrow(/ECONNREFUSED|Timeout acquiring a connection/);
      expect(printed.mock.calls).toEqual([]);
      expect(warned.mock.calls).toEqual([]);
    } finally {
      printed.mockRestore();
      warned.mockRestore();
      await db.destroy();
    }
  });
});
