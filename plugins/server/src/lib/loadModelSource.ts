import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { sha256, type ArtifactStore, type ModelRegistry, type ModelSignature, type ServedModelInfo } from '@mlops/core';
import { ServerError, serverErrorCodes } from '../errors';

/** Where a model comes from: a registry ref or a pair of files. */
export type ModelSourceRef = { kind: 'registry'; ref: string } | { kind: 'file'; modelFile: string; signatureFile: string; identity?: ModelIdentity };

/** The registered name, version and alias a served file was built from (an `mlops build` bundle). */
export interface ModelIdentity {
  name: string;
  version: number | null;
  alias: string | null;
}

/** What the registry (or the files) say the model is now: enough to tell whether it changed. */
export interface ModelSource {
  info: Omit<ServedModelInfo, 'loadedAt'>;
  bytes: () => Promise<Uint8Array>;
}

/** The services a registry ref needs. */
export interface ModelSourceServices {
  registry?: ModelRegistry;
  artifacts?: ArtifactStore;
  projectRoot: string;
  /** Which registered artifact the model runtime loads (its `artifactKey`, default `onnx`). */
  artifactKey?: string;
}

/** `churn@champion` → the alias, `churn:3` / `churn` → null (pinned or latest). */
export function aliasOf(ref: string): string | null {
  const at = ref.indexOf('@');
  return at > 0 && !/^\d+$/.test(ref.slice(at + 1)) ? ref.slice(at + 1) : null;
}

/** Resolves a source to its current version without reading the model bytes. */
export async function resolveModelSource(source: ModelSourceRef, services: ModelSourceServices): Promise<ModelSource> {
  if (source.kind === 'file') return fileSource(source, services.projectRoot);
  const { registry, artifacts } = services;
  if (!registry || !artifacts) {
    throw new ServerError(serverErrorCodes.config, `serving "${source.ref}" from the registry needs plugins.modelRegistry and plugins.artifactStore; configure them, or serve a file with modelFile + signatureFile`, { badInput: true });
  }
  const version = await registry.resolve(source.ref);
  const key = services.artifactKey ?? 'onnx';
  const digest = version.artifacts[key];
  if (!digest) throw new ServerError(serverErrorCodes.model, `${version.name} v${version.version} has no "${key}" artifact for this model runtime; found ${Object.keys(version.artifacts).join(', ') || 'none'}`);
  return {
    info: { name: version.name, version: version.version, alias: aliasOf(source.ref), digest, signature: version.signature, features: version.features ?? null },
    bytes: () => artifacts.get(digest),
  };
}

async function fileSource(source: Extract<ModelSourceRef, { kind: 'file' }>, root: string): Promise<ModelSource> {
  const modelPath = resolve(root, source.modelFile);
  const signaturePath = resolve(root, source.signatureFile);
  const bytes = await readFile(modelPath).catch((cause: unknown) => {
    throw new ServerError(serverErrorCodes.model, `cannot read the model file ${modelPath}: ${(cause as Error).message}`, { cause, badInput: true });
  });
  const signature = parseSignature(await readFile(signaturePath, 'utf8').catch((cause: unknown) => {
    throw new ServerError(serverErrorCodes.model, `cannot read the signature file ${signaturePath}: ${(cause as Error).message}`, { cause, badInput: true });
  }), signaturePath);
  const data = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const identity = source.identity ?? { name: basename(modelPath).replace(/\.(onnx|json)$/, ''), version: null, alias: null };
  return { info: { name: identity.name, version: identity.version, alias: identity.alias, digest: sha256(data), signature }, bytes: async () => data };
}

function parseSignature(text: string, path: string): ModelSignature {
  let sig: Partial<ModelSignature>;
  try {
    sig = JSON.parse(text) as Partial<ModelSignature>;
  } catch (cause) {
    throw new ServerError(serverErrorCodes.model, `${path}: not JSON (${(cause as Error).message})`, { cause });
  }
  const tasks = ['binary', 'multiclass', 'regression'];
  if (!sig || !tasks.includes(sig.task as string)) throw new ServerError(serverErrorCodes.model, `${path}: task: expected one of ${tasks.join(', ')}, found ${JSON.stringify(sig?.task)}`);
  if (!Array.isArray(sig.inputs) || sig.inputs.some((c) => typeof c?.name !== 'string')) throw new ServerError(serverErrorCodes.model, `${path}: inputs: expected an array of { name, type }`);
  if (!Array.isArray(sig.outputs)) throw new ServerError(serverErrorCodes.model, `${path}: outputs: expected an array of { name, type, shape }`);
  if (sig.task !== 'regression' && !Array.isArray(sig.classes)) throw new ServerError(serverErrorCodes.model, `${path}: classes: expected the class labels of a ${sig.task} classifier`);
  return sig as ModelSignature;
}
