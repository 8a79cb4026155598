import { z } from 'zod';
import { tokens } from '../tokens/tokens';
import { definePlugin, isPlugin } from './definePlugin';

describe('definePlugin', () => {
  it('types options and only lets create resolve required tokens', () => {
    const plugin = definePlugin({
      name: 'typed',
      provides: tokens.alertSink,
      requires: [tokens.metadataStore],
      options: z.object({ url: z.string() }),
      create: (ctx) => {
        const url: string = ctx.options.url;
        // @ts-expect-error: options are typed from the schema
        const wrong: number = ctx.options.url;
        ctx.resolve(tokens.metadataStore).listRuns();
        // @ts-expect-error: the artifact store is not in `requires`
        ctx.resolve(tokens.artifactStore);
        void wrong;
        return { send: async () => void url };
      },
    });
    expect(isPlugin(plugin)).toBe(true);
  });

  it('rejects at compile time a service that does not fit the token', () => {
    const bad = definePlugin({
      name: 'bad',
      provides: tokens.alertSink,
      // @ts-expect-error: an alert sink must have send()
      create: () => ({ nope: true }),
    });
    expect(bad.name).toBe('bad');
  });

  it('recognizes duck-typed plugins from other copies of core', () => {
    expect(isPlugin({ name: 'x', provides: { id: 'mlops:tracker' }, create: () => ({}) })).toBe(true);
    expect(isPlugin({ name: 'x', create: () => ({}) })).toBe(false);
  });
});
