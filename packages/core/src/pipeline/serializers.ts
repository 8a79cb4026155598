import type { Frame } from '@mlops/frame';
import { SerializerError } from '../errors/errors';
import { htmlSerializer } from './htmlDocument';
import { messages } from '../errors/messages';
import type { Json } from '../storage/records';
import { canonicalJson } from '../util/canonicalJson';

/**
 * Turns a step output into bytes and back (ZenML calls these materializers). Registered in config
 * (`serializers: [...]`); user serializers are tried before the built-ins, in order.
 */
export interface ArtifactSerializer<T = unknown> {
  /** Stored with the artifact: reading it back needs a serializer with the same name. */
  readonly name: string;
  canHandle(value: unknown): value is T;
  serialize(value: T): Uint8Array | AsyncIterable<Uint8Array> | Promise<Uint8Array>;
  deserialize(bytes: Uint8Array): T | Promise<T>;
  /** Facts to store with the artifact record (row count, dataset digest, ...). */
  describe?(value: T): Json;
}

// Core needs @mlops/frame's code only when a step outputs or reads a frame: loading it eagerly would
// pull the Arrow and Parquet readers into every plugin and command. @mlops/frame brands each Frame
// with this `Symbol.for` symbol (it is shared by every copy of the package), so recognising one
// loads nothing; a frame value exists only if @mlops/frame is installed and loaded already.
const frameBrand = Symbol.for('@mlops/frame.Frame');

function loadFrame(): typeof import('@mlops/frame') {
  try {
    // Lazy on purpose (see above); the type comes from the type-only import.
    return require('@mlops/frame') as typeof import('@mlops/frame');
  } catch (cause) {
    throw new SerializerError(messages.frameNotInstalled((cause as Error).message));
  }
}

/** Frames: the compact columnar binary format of @mlops/frame; records rows, columns and digest. */
export const frameSerializer: ArtifactSerializer<Frame> = {
  name: 'frame',
  canHandle: (value): value is Frame => typeof value === 'object' && value !== null && (value as { [frameBrand]?: unknown })[frameBrand] === true,
  serialize: (frame) => loadFrame().encodeFrame(frame),
  deserialize: (bytes) => loadFrame().decodeFrame(bytes),
  describe: (frame) => ({ rows: frame.rowCount, columns: frame.names.length, datasetDigest: loadFrame().digestFrame(frame), schema: frame.schema() as unknown as Json }),
};

/** Raw bytes (Buffer or Uint8Array), stored as they are. */
export const bytesSerializer: ArtifactSerializer<Uint8Array> = {
  name: 'bytes',
  canHandle: (v): v is Uint8Array => v instanceof Uint8Array,
  serialize: (v) => v,
  deserialize: (bytes) => bytes,
  describe: (v) => ({ bytes: v.byteLength }),
};

/** Plain JSON values (metrics, params, small reports); keys sorted so equal values hash equally. */
export const jsonSerializer: ArtifactSerializer<Json> = {
  name: 'json',
  canHandle: (v): v is Json => {
    try {
      canonicalJson(v);
      return v !== undefined && isPlain(v);
    } catch {
      return false;
    }
  },
  serialize: (v) => new TextEncoder().encode(canonicalJson(v)),
  deserialize: (bytes) => JSON.parse(new TextDecoder().decode(bytes)) as Json,
};

function isPlain(v: unknown): boolean {
  if (v === null || typeof v !== 'object') return true;
  if (Array.isArray(v)) return v.every(isPlain);
  const proto = Object.getPrototypeOf(v);
  return (proto === Object.prototype || proto === null) && Object.values(v as object).every(isPlain);
}

export const builtinSerializers: readonly ArtifactSerializer[] = [
  frameSerializer as ArtifactSerializer,
  htmlSerializer as ArtifactSerializer,
  bytesSerializer as ArtifactSerializer,
  jsonSerializer as ArtifactSerializer,
];

/** Picks serializers by name or by value; one registry per run. */
export class SerializerRegistry {
  private readonly list: ArtifactSerializer[];

  constructor(user: readonly ArtifactSerializer[] = []) {
    this.list = [...user, ...builtinSerializers];
  }

  byName(name: string): ArtifactSerializer {
    const found = this.list.find((s) => s.name === name);
    if (!found) throw new SerializerError(messages.unknownSerializer(name));
    return found;
  }

  /** The serializer for a step output: the step's explicit choice, else the first that can handle it. */
  forValue(value: unknown, step: string, output: string, explicit?: string): ArtifactSerializer {
    if (explicit) return this.byName(explicit);
    const found = this.list.find((s) => s.canHandle(value));
    if (!found) throw new SerializerError(messages.noSerializer(step, output, typeName(value)));
    return found;
  }
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  return (value as object).constructor?.name ?? 'Object';
}
