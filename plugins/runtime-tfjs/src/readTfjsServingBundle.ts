import { loadTransformChain, type FittedTransformChain } from '@mlops/transforms';
import { z } from 'zod';
import { TfjsRuntimeError, tfjsRuntimeErrorCodes } from './errors';
import { tfjsServingBundleSchema, tfjsServingFormat, type TfjsServingBundle } from './bundleSchema';

/** A bundle checked field by field and across fields, with its preprocessing rebuilt. */
export interface ReadBundle {
  bundle: TfjsServingBundle;
  preprocessing?: FittedTransformChain;
  /** Class labels in the order of the model's outputs (classifiers), else `[]`. */
  classes: string[];
}

const expected = `this runtime runs tfjs serving bundles (JSON with format "${tfjsServingFormat}")`;

function fail(message: string, cause?: unknown): never {
  throw new TfjsRuntimeError(tfjsRuntimeErrorCodes.bundle, message, cause === undefined ? undefined : { cause });
}

/** Bytes → JSON, naming what the bytes look like when they are not a bundle. */
function parseJson(bytes: Uint8Array): unknown {
  // An ONNX ModelProto starts with field 1 (ir_version) as a varint: the byte 0x08.
  if (bytes[0] === 0x08) fail(`${expected}; these ${bytes.byteLength} bytes look like an ONNX model: ONNX models need @mlops/runtime-onnx`);
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (cause) {
    fail(`${expected}; found ${bytes.byteLength} bytes that are not JSON (${(cause as Error).message}). ONNX models need @mlops/runtime-onnx`, cause);
  }
}

/** Checks that the layers chain from the features to the outputs the task needs. */
function checkShapes(bundle: TfjsServingBundle, classes: string[]): void {
  const { model } = bundle;
  let width = model.featureNames.length;
  model.layers.forEach((layer, l) => {
    if (layer.weights.length !== width) fail(`model.layers[${l}].weights: expected ${width} rows (the previous width), found ${layer.weights.length}`);
    const bad = layer.weights.findIndex((row) => row.length !== layer.bias.length);
    if (bad >= 0) fail(`model.layers[${l}].weights[${bad}]: expected ${layer.bias.length} values (the bias length), found ${layer.weights[bad]!.length}`);
    width = layer.bias.length;
  });
  const outputs = model.task === 'multiclass' ? classes.length : 1;
  if (width !== outputs) fail(`model: the last layer gives ${width} outputs; a ${model.task} model with ${classes.length} classes needs ${outputs}`);
}

function resolveClasses(bundle: TfjsServingBundle): string[] {
  if (bundle.model.task === 'regression') return [];
  const classes = bundle.classes ?? bundle.model.classes;
  if (!classes || classes.length < 2) fail(`classes: a ${bundle.model.task} model needs at least 2 class labels (in bundle.classes or model.classes), found ${JSON.stringify(classes ?? null)}`);
  if (bundle.model.classes && bundle.model.classes.length !== classes.length) fail(`classes: ${classes.length} labels, but the model was trained on ${bundle.model.classes.length} (${bundle.model.classes.join(', ')})`);
  return classes;
}

/** Checks that every raw column the chain reads is an input, and every model feature is produced. */
function checkWiring(bundle: TfjsServingBundle, chain: FittedTransformChain | undefined): void {
  const inputs = new Map(bundle.inputs.map((i) => [i.name, i.type]));
  for (const c of chain?.inputs ?? []) {
    const type = inputs.get(c.name);
    if (type === undefined) fail(`inputs: the preprocessing reads column "${c.name}", which is not among the inputs (${[...inputs.keys()].join(', ')})`);
    const want = c.dtype === 'category' ? 'string' : 'float32';
    if (c.dtype === 'timestamp') fail(`preprocessing: input column "${c.name}" is a timestamp; derive numbers from it before the chain`);
    if (type !== want) fail(`inputs: "${c.name}" is ${c.dtype} in the preprocessing, so its input type must be "${want}", found "${type}"`);
  }
  const produced = chain ? chain.featureNames() : bundle.inputs.filter((i) => i.type === 'float32').map((i) => i.name);
  const missing = bundle.model.featureNames.filter((f) => !produced.includes(f));
  if (missing.length) fail(`model.featureNames: ${missing.map((m) => `"${m}"`).join(', ')} ${chain ? 'are not produced by the preprocessing' : 'are not float inputs'} (available: ${produced.join(', ')})`);
}

/** Parses and checks a serialized bundle; every failure names the field, what was expected and what was found. */
export function readTfjsServingBundle(bytes: Uint8Array): ReadBundle {
  const json = parseJson(bytes);
  const format = (json as { format?: unknown } | null)?.format;
  if (format !== tfjsServingFormat) fail(`${expected}; found format ${JSON.stringify(format ?? null)}`);
  const parsed = tfjsServingBundleSchema.safeParse(json);
  if (!parsed.success) fail(`not a valid tfjs serving bundle: ${z.prettifyError(parsed.error)}`);
  const bundle = parsed.data;
  const classes = resolveClasses(bundle);
  checkShapes(bundle, classes);
  let preprocessing: FittedTransformChain | undefined;
  try {
    preprocessing = bundle.preprocessing ? loadTransformChain(bundle.preprocessing) : undefined;
  } catch (cause) {
    fail(`preprocessing: ${(cause as Error).message}`, cause);
  }
  checkWiring(bundle, preprocessing);
  return preprocessing ? { bundle, preprocessing, classes } : { bundle, classes };
}
