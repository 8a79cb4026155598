import { localArtifactStoreOptions, sqliteMetadataStoreOptions } from './options';
import { quickLocalArtifactStoreOptions, quickSqliteMetadataStoreOptions } from './quickOptions';
import { localArtifactStore, sqliteMetadataStore } from './index';

// Each quick check may only accept what its schema accepts, returning the same options with the
// same defaults; anything else goes to the schema (undefined), which words the error.
const cases = [
  { name: 'artifact store', quick: quickLocalArtifactStoreOptions, schema: localArtifactStoreOptions, valid: [{}, { path: 'blobs' }, { staleTempMinutes: 0.5 }], invalid: [null, [], { path: '' }, { path: 1 }, { staleTempMinutes: 0 }, { staleTempMinutes: Infinity }, { staleTempMinutes: '10' }, { pth: 'x' }] },
  { name: 'metadata store', quick: quickSqliteMetadataStoreOptions, schema: sqliteMetadataStoreOptions, valid: [{}, { path: 'meta.sqlite' }, { busyTimeoutMs: 0 }, { path: 'm', busyTimeoutMs: 100 }], invalid: [undefined, 'x', { path: '' }, { busyTimeoutMs: -1 }, { busyTimeoutMs: 1.5 }, { busyTimeoutMs: '5' }, { busy: 1 }] },
];

describe('quick option checks of the storage-local plugins', () => {
  it.each(cases)('$name: valid options come back as the schema parses them, defaults included', ({ quick, schema, valid }) => {
    for (const raw of valid) expect({ raw, quick: quick(raw) }).toEqual({ raw, quick: schema.parse(raw) });
  });

  it.each(cases)('$name: anything else is left to the schema, which rejects it', ({ quick, schema, invalid }) => {
    for (const raw of invalid) expect({ raw, quick: quick(raw), schemaAccepts: schema.safeParse(raw).success }).toEqual({ raw, quick: undefined, schemaAccepts: false });
  });

  it('the plugins carry both the quick check and the schema, and the package still exports the schemas', () => {
    expect(sqliteMetadataStore.quickParseOptions?.({})).toEqual({ busyTimeoutMs: 5000 });
    expect(localArtifactStore.quickParseOptions?.({})).toEqual({ staleTempMinutes: 10 });
    expect(sqliteMetadataStore.options).toBe(sqliteMetadataStoreOptions);
    expect(localArtifactStore.options).toBe(localArtifactStoreOptions);
    const pkg = require('./index') as typeof import('./index');
    expect(pkg.sqliteMetadataStoreOptions).toBe(sqliteMetadataStoreOptions);
    expect(pkg.localArtifactStoreOptions).toBe(localArtifactStoreOptions);
  });
});
