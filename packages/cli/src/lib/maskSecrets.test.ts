import { maskSecrets } from './maskSecrets';

describe('maskSecrets', () => {
  it('hides secret fields and URL passwords, keeps names of environment variables', () => {
    expect(maskSecrets({ password: 'p', apiKey: 'k', tokenKeyEnv: 'MLOPS_PII_KEY', connection: 'postgres://u:secret@db/x', nested: { token: 't' }, fn: () => 1 })).toEqual({
      password: '****',
      apiKey: '****',
      tokenKeyEnv: 'MLOPS_PII_KEY',
      connection: 'postgres://u:****@db/x',
      nested: { token: '****' },
      fn: '[function]',
    });
  });
});
