import { env, resolveEnvRefs } from './env';

describe('resolveEnvRefs', () => {
  it('substitutes references, reports unset ones by path, and treats an empty variable as unset', () => {
    const { value, issues } = resolveEnvRefs({ db: { url: env('DB_URL'), pass: env('DB_PASS'), pool: env('POOL', { default: '4' }) }, hooks: [env('HOOK')] }, { DB_URL: 'postgres://x', DB_PASS: '' });
    expect(value).toEqual({ db: { url: 'postgres://x', pass: undefined, pool: '4' }, hooks: [undefined] });
    expect(issues).toEqual([{ path: 'db.pass', name: 'DB_PASS' }, { path: 'hooks[0]', name: 'HOOK' }]);
  });

  it('keeps subtrees without references and shared objects as they are', () => {
    const shared = { name: 'customer', keys: ['id'] };
    const input = { a: shared, b: [shared], secret: { token: env('TOKEN') } };
    const { value } = resolveEnvRefs(input, { TOKEN: 't' }) as { value: { a: unknown; b: unknown[]; secret: unknown } };
    expect(value.a).toBe(shared);
    expect(value.b[0]).toBe(shared);
    expect(value.secret).toEqual({ token: 't' });
    expect(input.secret.token).not.toBe('t');
    // An object reached twice and rebuilt (it holds a reference) is rebuilt once.
    const withRef = { url: env('TOKEN') };
    const twice = resolveEnvRefs({ x: withRef, y: withRef }, { TOKEN: 't' }).value as { x: unknown; y: unknown };
    expect(twice.x).toBe(twice.y);
  });
});
