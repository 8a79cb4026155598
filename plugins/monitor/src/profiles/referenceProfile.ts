import type { LoadedModel, ModelSignature } from '@mlops/core';
import { DatasetProfile } from '@mlops/drift';
import type { Frame } from '@mlops/frame';
import { feedSpecs, frameSource, toFeeds } from '@mlops/serving';
import { profileTensors } from './profileTensors';

/**
 * The reference profile of a model version: its training (or validation) rows fed exactly as
 * `/predict` feeds them (the same feed conversion), and the model's outputs on them, profiled
 * column by column like the served windows are. Store its JSON as the version's `reference`
 * artifact at registration (see the README); the monitor compares every window with it.
 */
export async function createReferenceProfile(model: LoadedModel, signature: ModelSignature, frame: Frame): Promise<DatasetProfile> {
  const feeds = toFeeds(frameSource(frame), feedSpecs(signature, model.inputs));
  const outputs = await model.run(feeds);
  const profile = DatasetProfile.empty();
  profileTensors(profile, 'input', feeds, frame.rowCount);
  profileTensors(profile, 'output', outputs, frame.rowCount);
  profile.rowCount = frame.rowCount;
  return profile;
}
