import { FittedTransformChain } from './chain/FittedTransformChain';
import { loadOneHotEncoder } from './encoders/oneHotEncoder';
import { loadOrdinalEncoder } from './encoders/ordinalEncoder';
import { TransformDataError } from './errors';
import { loadSimpleImputer } from './imputers/simpleImputer';
import { messages } from './messages';
import { loadMinMaxScaler } from './scalers/minMaxScaler';
import { loadRobustScaler } from './scalers/robustScaler';
import { loadStandardScaler } from './scalers/standardScaler';
import type { FittedTransform, FittedTransformData } from './Transform';
import { userTransformKind, type UserTransform } from './user/userTransform';

/** Options of `loadFittedTransform`. */
export interface LoadFittedTransformOptions {
  /** User transforms the data may contain, matched by name (their code is not in the data). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly userTransforms?: readonly UserTransform<any>[];
}

type Loader = (data: FittedTransformData, options: LoadFittedTransformOptions) => FittedTransform;

// Each kind with the one data version this build reads. A new layout gets a new version number
// and, while old data is around, a loader for the old one.
const loaders: Readonly<Record<string, { version: number; load: Loader }>> = {
  'standard-scaler': { version: 1, load: loadStandardScaler },
  'min-max-scaler': { version: 1, load: loadMinMaxScaler },
  'robust-scaler': { version: 1, load: loadRobustScaler },
  'simple-imputer': { version: 1, load: loadSimpleImputer },
  'one-hot-encoder': { version: 1, load: loadOneHotEncoder },
  'ordinal-encoder': { version: 1, load: loadOrdinalEncoder },
  [userTransformKind]: { version: 1, load: loadUser },
  'transform-chain': { version: 1, load: (data, options) => FittedTransformChain.fromData(data, (step) => loadFittedTransform(step, options)) },
};

/**
 * Rebuilds a fitted transform (or a whole chain) from its `toJSON()` data, e.g. after
 * `JSON.parse`. Unknown kinds and versions fail with a message naming them.
 */
export function loadFittedTransform(data: unknown, options: LoadFittedTransformOptions = {}): FittedTransform {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new TransformDataError('loadFittedTransform', messages.badField('(data)', 'an object with kind and version', data));
  }
  const { kind, version } = data as { kind?: unknown; version?: unknown };
  const entry = typeof kind === 'string' ? loaders[kind] : undefined;
  if (entry === undefined) throw new TransformDataError('loadFittedTransform', messages.unknownKind(kind, Object.keys(loaders)));
  if (version !== entry.version) throw new TransformDataError(kind as string, messages.unknownVersion(kind as string, version, entry.version));
  return entry.load(data as FittedTransformData, options);
}

/** Loads a chain's data; fails when the data is a single transform. */
export function loadTransformChain(data: unknown, options: LoadFittedTransformOptions = {}): FittedTransformChain {
  const loaded = loadFittedTransform(data, options);
  if (!(loaded instanceof FittedTransformChain)) {
    throw new TransformDataError('loadTransformChain', `expected data of kind "transform-chain", received kind ${JSON.stringify(loaded.kind)}`);
  }
  return loaded;
}

function loadUser(data: FittedTransformData, options: LoadFittedTransformOptions): FittedTransform {
  const name = data.name;
  const registered = (options.userTransforms ?? []).map((t) => t.name);
  const match = (options.userTransforms ?? []).find((t) => t.name === name);
  if (typeof name !== 'string' || match === undefined) {
    throw new TransformDataError(userTransformKind, messages.userNotRegistered(String(name), registered));
  }
  return match.load(data);
}
