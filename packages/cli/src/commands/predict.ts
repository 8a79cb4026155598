import type { Command } from 'commander';
import { fail, UsageError } from '../lib/fail';
import { globalOptions, type GlobalOptions } from '../lib/globalOptions';
import { integerArg } from '../lib/flagArgs';

type LoadedModel = import('@mlops/core').LoadedModel;
type ModelSignature = import('@mlops/core').ModelSignature;
type HookBus = import('@mlops/core').HookBus;
type ServedModelInfo = import('@mlops/core').ServedModelInfo;

/**
 * The part of `@mlops/serving` this command uses, typed here: the CLI's tsconfig does not reference
 * that package, so a clean `tsc -b` may build the CLI first (see the batch README). Loaded at run time.
 */
interface BatchTarget {
  kind: string;
  path?: string;
  table?: string;
  query?: string;
}
interface BatchProgress {
  rowsDone: number;
  totalRows?: number;
  bytesDone?: number;
  totalBytes?: number;
}
interface Serving {
  parseBatchInput(text: string, db: string | undefined): BatchTarget;
  parseBatchOutput(text: string, db: string | undefined): BatchTarget;
  batchPredict(options: {
    model: LoadedModel;
    signature: ModelSignature;
    input: BatchTarget;
    output: BatchTarget;
    idColumn?: string;
    chunkRows?: number;
    resume?: boolean;
    modelId?: string;
    onProgress?: (p: BatchProgress) => void;
    log?: { hooks: HookBus; model: ServedModelInfo };
  }): Promise<{ rows: number; rowsThisRun: number; resumedAt: number; chunks: number; columns: string[]; complete: boolean; durationMs: number; labelRequestId?: string }>;
}

interface PredictFlags {
  model?: string;
  modelFile?: string;
  signature?: string;
  input: string;
  output: string;
  db?: string;
  inputDb?: string;
  idColumn?: string;
  chunkRows?: number;
  resume?: boolean;
}

/** `mlops predict`: batch inference of a registry model (or an ONNX file) over a file or a query. */
export function registerPredict(program: Command): void {
  program
    .command('predict')
    .description('batch inference: score a CSV/Parquet file or an SQL query into a CSV/JSONL/Parquet file or a table, in chunks, resumable')
    .option('--model <ref>', 'registry model: NAME@ALIAS, NAME:VERSION or NAME (latest)')
    .option('--model-file <path>', 'a serving ONNX file instead of a registry model (needs --signature)')
    .option('--signature <path>', "the model's signature JSON (with --model-file)")
    .requiredOption('--input <file|query>', 'a .csv or .parquet file (local or s3://BUCKET/KEY), or an SQL query (SELECT …) run on --input-db/--db')
    .requiredOption('--output <file|table>', 'a .csv, .jsonl or .parquet file (local or s3://BUCKET/KEY), or a table (NAME or SCHEMA.NAME) in --db')
    .option('--db <url>', 'database of the output table (and of the query): sqlite:PATH or postgres://…')
    .option('--input-db <url>', 'database of the input query when it is not --db')
    .option('--id-column <name>', 'input column copied to each output row as its key (default: the row number, `row`)')
    .option('--chunk-rows <n>', 'rows per inference call and per commit', integerArg(1))
    .option('--resume', 'continue an interrupted run from its checkpoint')
    .action(async (flags: PredictFlags, cmd: Command) => {
      const opts = globalOptions(cmd);
      try {
        await predict(opts, flags);
      } catch (err) {
        fail(err, opts);
      }
    });
}

async function predict(opts: GlobalOptions, flags: PredictFlags): Promise<void> {
  if (Boolean(flags.model) === Boolean(flags.modelFile)) throw new UsageError('expected exactly one of --model NAME@ALIAS or --model-file F.onnx');
  if (flags.modelFile && !flags.signature) throw new UsageError('--model-file needs --signature S.json (the model’s inputs, outputs and classes)');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const serving = require('@mlops/serving') as Serving;
  const input = serving.parseBatchInput(flags.input, flags.inputDb ?? flags.db);
  const output = serving.parseBatchOutput(flags.output, flags.db);
  const [{ tokens }, { withSession }, { isDataUri }] = await Promise.all([import('@mlops/core'), import('../lib/openSession'), import('@mlops/frame')]);
  // With a monitor configured, its prediction log subscribes to the chunks batchPredict announces;
  // closing the session flushes it.
  const slots = flags.model ? (['modelRuntime', 'modelRegistry', 'artifactStore', 'monitor'] as const) : (['modelRuntime', 'monitor'] as const);
  const summary = await withSession(opts, [...slots], async (runtime) => {
    // Without one: a usage error naming plugins.modelRuntime and its package.
    runtime.get(tokens.modelRuntime);
    const source = flags.model ? await fromRegistry(runtime, flags.model) : await fromFile(flags.modelFile!, flags.signature!);
    // `s3://…` (a scheme the session's dataLocations plugin registered): staged through local files.
    const { stageInputUri, stageOutputUri } = await import('../lib/stageDataUri');
    const stagedIn = input.path !== undefined && isDataUri(input.path) ? await stageInputUri(input.path, runtime.config.stateDir) : undefined;
    const stagedOut = output.path !== undefined && isDataUri(output.path) ? await stageOutputUri(output.path, runtime.config.stateDir) : undefined;
    const model = await runtime.get(tokens.modelRuntime).load(source.bytes);
    const bar = createBar(!opts.json && process.stderr.isTTY === true);
    try {
      const result = await serving.batchPredict({
        model, signature: source.signature, input: stagedIn ? { ...input, path: stagedIn.path } : input, output: stagedOut ? { ...output, path: stagedOut.path } : output,
        idColumn: flags.idColumn, chunkRows: flags.chunkRows, resume: flags.resume, modelId: source.id, onProgress: bar.update,
        log: { hooks: runtime.hooks, model: { ...source.info, loadedAt: Date.now() } },
      });
      if (result.complete) await stagedOut?.publish();
      return { model: source.id, ...result };
    } finally {
      bar.stop();
      await stagedIn?.cleanup();
      await model.release();
    }
  });
  if (opts.json) return void process.stdout.write(`${JSON.stringify({ input: describe(input), output: describe(output), ...summary }, null, 2)}\n`);
  const resumed = summary.resumedAt > 0 ? ` (resumed after ${summary.resumedAt})` : '';
  process.stdout.write(`wrote ${summary.rows} rows${resumed} to ${describe(output)} in ${(summary.durationMs / 1000).toFixed(1)}s with ${summary.model}\n`);
  // Logged for monitoring: how to give this job's ground truth later (POST /feedback, mlops feedback import).
  if (summary.labelRequestId) process.stdout.write(`prediction log: label these rows with requestId ${summary.labelRequestId} and row = the row's position in the input (from 0)\n`);
}

type Runtime = import('@mlops/core').Runtime;
interface ModelSource {
  id: string;
  bytes: Uint8Array;
  signature: ModelSignature;
  /** The model as the prediction log names it (like the server does). */
  info: Omit<ServedModelInfo, 'loadedAt'>;
}

async function fromRegistry(runtime: Runtime, ref: string): Promise<ModelSource> {
  const { tokens } = await import('@mlops/core');
  const version = await runtime.get(tokens.modelRegistry).resolve(ref);
  // The configured runtime says which artifact it runs (onnx by default, tfjs for @mlops/runtime-tfjs).
  const key = runtime.has(tokens.modelRuntime) ? (runtime.get(tokens.modelRuntime).artifactKey ?? 'onnx') : 'onnx';
  const digest = version.artifacts[key];
  if (!digest) throw new Error(`${version.name} v${version.version} has no "${key}" artifact for the configured model runtime; found ${Object.keys(version.artifacts).join(', ')}`);
  const bytes = await runtime.get(tokens.artifactStore).get(digest);
  const alias = /@([^@:]+)$/.exec(ref)?.[1] ?? null;
  const info = { name: version.name, version: version.version, alias, digest, signature: version.signature, features: version.features ?? null };
  return { id: `${version.name}:${version.version}`, bytes, signature: version.signature, info };
}

async function fromFile(modelFile: string, signatureFile: string): Promise<ModelSource> {
  const [{ readFile }, { createHash }, { basename }] = await Promise.all([import('node:fs/promises'), import('node:crypto'), import('node:path')]);
  const bytes = new Uint8Array(await readFile(modelFile));
  let signature: ModelSource['signature'];
  try {
    signature = JSON.parse(await readFile(signatureFile, 'utf8'));
  } catch (error) {
    throw new UsageError(`${signatureFile}: expected a signature JSON ({ task, inputs, outputs, classes }), found ${(error as Error).message}`);
  }
  if (!signature || !Array.isArray(signature.inputs) || !Array.isArray(signature.outputs) || typeof signature.task !== 'string') {
    throw new UsageError(`${signatureFile}: expected a signature with task, inputs and outputs`);
  }
  const hex = createHash('sha256').update(bytes).digest('hex');
  const info = { name: basename(modelFile).replace(/\.(onnx|json)$/, ''), version: null, alias: null, digest: `sha256:${hex}`, signature };
  return { id: `${basename(modelFile)}@sha256:${hex.slice(0, 12)}`, bytes, signature, info };
}

function describe(target: { kind: string; path?: string; table?: string; query?: string }): string {
  return target.path ?? target.table ?? target.query ?? target.kind;
}

/**
 * One progress line on stderr, redrawn in place: rows, a bar when the total is known (rows, or bytes
 * of a CSV), throughput and time left. Nothing when stderr is not a terminal or with --json.
 */
function createBar(enabled: boolean): { update(p: BatchProgress): void; stop(): void } {
  if (!enabled) return { update() {}, stop() {} };
  const started = Date.now();
  let first: number | undefined;
  let drawn = false;
  return {
    update(p) {
      first ??= p.rowsDone;
      const fraction = p.totalRows ? p.rowsDone / p.totalRows : p.totalBytes && p.bytesDone ? p.bytesDone / p.totalBytes : undefined;
      const seconds = (Date.now() - started) / 1000;
      const rate = seconds > 0 ? (p.rowsDone - first) / seconds : 0;
      const width = 30;
      const bar = fraction === undefined ? '' : `[${'█'.repeat(Math.round(fraction * width)).padEnd(width, '░')}] ${(fraction * 100).toFixed(0).padStart(3)}% `;
      const eta = p.totalRows && rate > 0 && p.rowsDone < p.totalRows ? `  ${Math.ceil((p.totalRows - p.rowsDone) / rate)}s left` : '';
      process.stderr.write(`\r\x1b[2K${bar}${p.rowsDone.toLocaleString('en')}${p.totalRows ? `/${p.totalRows.toLocaleString('en')}` : ''} rows  ${Math.round(rate).toLocaleString('en')} rows/s${eta}`);
      drawn = true;
    },
    stop() {
      if (drawn) process.stderr.write('\n');
    },
  };
}
