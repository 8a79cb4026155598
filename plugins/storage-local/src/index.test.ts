import { describe, expect, it } from '@jest/globals';
import { pluginsInModule, tokens } from '@mlops/core';
import * as mod from './index';

describe('@mlops/storage-local module', () => {
  it('exports both plugins by name and as the default array, so the runtime can pick one per slot', () => {
    expect(mod.default).toEqual([mod.localArtifactStore, mod.sqliteMetadataStore]);
    const found = pluginsInModule(mod as unknown as Record<string, unknown>);
    expect(found.map((p) => p.provides.id).sort()).toEqual([tokens.artifactStore.id, tokens.metadataStore.id].sort());
  });
});
