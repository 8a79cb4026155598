import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { createRuntime, resolveConfig, silentLogger, tokens } from '@mlops/core';
import { describeWithService, memoryArtifactStore, memoryMetadataStore, tcpTargetOfUrl } from '@mlops/testkit';
import { redisTestUrl, removeKeysUnder, testPrefix } from './__fixtures__/redisTestKit';
import { redisOnlineStore } from './plugin';

const file = join(process.cwd(), 'mlops.config.ts');
const storage = { artifactStore: memoryArtifactStore, metadataStore: memoryMetadataStore };

describe('redisOnlineStore in the runtime', () => {
  it('reports bad options as config errors naming the field', async () => {
    await expect(resolveConfig({ plugins: { ...storage, onlineStore: { use: redisOnlineStore, options: { commandTimeoutMs: 'fast' } } } }, file, {})).rejects.toThrow(
      /plugins\.onlineStore\.options\.commandTimeoutMs: expected/,
    );
  });

  describeWithService('redis', tcpTargetOfUrl(redisTestUrl, 6379), () => {
    const prefix = testPrefix();
    afterAll(() => removeKeysUnder(prefix));

    it('fills the onlineStore slot: started, healthy, usable, closed with the runtime', async () => {
      const config = await resolveConfig({ plugins: { ...storage, onlineStore: { use: redisOnlineStore, options: { url: redisTestUrl, keyPrefix: prefix } } } }, file, {});
      const runtime = await createRuntime(config, { logger: silentLogger });
      const online = runtime.get(tokens.onlineStore);
      expect((await runtime.health()).onlineStore).toEqual({ ok: true });
      await online.write('v', [{ entityKey: 'e', eventTimestamp: 1, values: { x: 'y' } }]);
      expect((await online.read('v', ['e'], ['x']))[0]?.values).toEqual({ x: 'y' });
      await runtime.close();
      await expect(online.read('v', ['e'], ['x'])).rejects.toMatchObject({ code: 'E_STORAGE', message: expect.stringContaining('read of view "v" after close()') });
    });
  });
});
