import { NotFoundError, type ArtifactStore, type ModelRegistry, type ModelVersion } from '@mlops/core';
import { DatasetProfile, type DatasetProfileJson } from '@mlops/drift';

/** The artifact key of a version's reference profile (`artifacts.reference`, a JSON `DatasetProfile`). */
export const referenceArtifactKey = 'reference';

/** A version and its reference profile, or why there is none. */
export type LoadedReference = { version: ModelVersion; profile: DatasetProfile } | { version: ModelVersion | undefined; missing: string };

/**
 * The reference profile stored with a model version, by name and version number or alias. Parsed
 * profiles are cached by artifact digest (content-addressed, so they never go stale).
 */
export class ReferenceProfiles {
  private readonly cache = new Map<string, DatasetProfile>();

  constructor(
    private readonly registry: ModelRegistry | undefined,
    private readonly store: ArtifactStore | undefined,
  ) {}

  async load(model: string, ref: number | string): Promise<LoadedReference> {
    if (!this.registry) return { version: undefined, missing: 'no model registry is configured (plugins.modelRegistry), so no reference profile can be found' };
    const version = await this.registry.getVersion(model, ref);
    if (!version) return { version, missing: `${model}${typeof ref === 'number' ? `:${ref}` : `@${ref}`} is not registered` };
    const digest = version.artifacts[referenceArtifactKey];
    if (!digest) return { version, missing: `${model}:${version.version} has no reference profile (artifacts.${referenceArtifactKey}); register it with createReferenceProfile` };
    if (!this.store) return { version, missing: 'no artifact store is configured' };
    let profile = this.cache.get(digest);
    if (!profile) {
      const bytes = await this.store.get(digest);
      profile = DatasetProfile.fromJSON(JSON.parse(new TextDecoder().decode(bytes)) as DatasetProfileJson);
      this.cache.set(digest, profile);
    }
    return { version, profile };
  }

  /** `name@alias`, `name:3`, `name@3` or `name` → the registry's version; throws `NotFoundError` naming what is missing. */
  async resolve(ref: string): Promise<{ version: ModelVersion; profile: DatasetProfile }> {
    if (!this.registry) throw new NotFoundError(`cannot resolve ${ref}: no model registry is configured (plugins.modelRegistry)`);
    const version = await this.registry.resolve(ref);
    const loaded = await this.load(version.name, version.version);
    if ('missing' in loaded) throw new NotFoundError(loaded.missing);
    return loaded;
  }
}
