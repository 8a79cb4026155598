import type { Column, Frame } from '@mlops/frame';
import { OnnxExportError, TransformApplyError, TransformConfigError, TransformFitError } from '../errors';
import { assertPlainData } from '../lib/assertPlainData';
import { DataReader } from '../lib/readData';
import { messages } from '../messages';
import type { OnnxExportContext } from '../onnx/OnnxExportContext';
import type { FittedTransform, FittedTransformData, JsonValue, Transform } from '../Transform';

/** What a user-defined transform supplies: pure functions over columns, and data-only state. */
export interface UserTransformSpec<State> {
  /** Identifies the transform in errors and in its serialized data (the loader looks it up by name). */
  readonly name: string;
  /** Columns handed to `fit` and `apply`; default: every column of the frame at fit time. */
  readonly columns?: readonly string[];
  /** Learns the state from the selected training columns. */
  fit(columns: Readonly<Record<string, Column>>): State;
  /** Returns the columns to set: same name replaces in place, a new name is appended. */
  apply(columns: Readonly<Record<string, Column>>, state: State): Readonly<Record<string, Column>>;
  /** State → JSON data; default: the state itself (it must then be plain data). */
  toData?(state: State): JsonValue;
  /** JSON data → state; default: the data itself. */
  fromData?(data: JsonValue): State;
  /** Optional ONNX export: add nodes through `ctx` computing what `apply` computes. */
  onnx?(ctx: OnnxExportContext, state: State, columns: readonly string[]): void;
}

/** A user-defined transform; pass it to `loadFittedTransform`'s `userTransforms` to load its data. */
export interface UserTransform<State = unknown> extends Transform {
  readonly spec: UserTransformSpec<State>;
  /** Rebuilds the fitted transform from its `toJSON()` data. */
  load(data: FittedTransformData): FittedTransform;
}

/** The `kind` every user transform's data carries; `name` says which one. */
export const userTransformKind = 'user';

/**
 * Wraps user functions as a transform that fits, applies, serializes (its state as JSON) and, when
 * `onnx` is given, exports like the built-in ones. Without `onnx`, exporting names the transform.
 */
export function userTransform<State>(spec: UserTransformSpec<State>): UserTransform<State> {
  if (typeof spec.name !== 'string' || spec.name === '') throw new TransformConfigError('userTransform', 'name must be a non-empty string');
  const toData = spec.toData ?? ((state: State) => state as unknown as JsonValue);
  const fromData = spec.fromData ?? ((data: JsonValue) => data as unknown as State);
  const { name } = spec;
  return {
    name,
    spec,
    fit(frame: Frame): FittedTransform {
      const columns = spec.columns ? [...spec.columns] : [...frame.names];
      const input = pick(frame, name, columns, TransformFitError);
      const state = guard(name, 'fit', TransformFitError, () => spec.fit(input));
      const data = toData(state);
      assertPlainData(name, data);
      return new FittedUserTransform(spec, columns, fromData(data), data);
    },
    load(data: FittedTransformData): FittedTransform {
      const read = new DataReader(data, name);
      const columns = read.strings('columns');
      const state = data.state ?? null;
      return new FittedUserTransform(spec, columns, fromData(state), state);
    },
  };
}

class FittedUserTransform<State> implements FittedTransform {
  readonly kind = userTransformKind;
  readonly name: string;

  constructor(
    private readonly spec: UserTransformSpec<State>,
    readonly columns: readonly string[],
    private readonly state: State,
    private readonly data: JsonValue,
  ) {
    this.name = spec.name;
  }

  transform(frame: Frame): Frame {
    const input = pick(frame, this.name, this.columns, TransformApplyError);
    const output = guard(this.name, 'apply', TransformApplyError, () => this.spec.apply(input, this.state));
    let out = frame;
    for (const [name, column] of Object.entries(output)) out = out.withColumn(name, column);
    return out;
  }

  toJSON(): FittedTransformData {
    return { kind: userTransformKind, version: 1, name: this.name, columns: [...this.columns], state: this.data };
  }

  onnx(ctx: OnnxExportContext): void {
    if (!this.spec.onnx) throw new OnnxExportError(this.name, messages.noOnnx(this.name));
    this.spec.onnx(ctx, this.state, this.columns);
  }
}

type ErrorClass = new (transform: string, message: string, options?: { cause?: unknown }) => Error;

function pick(frame: Frame, transform: string, columns: readonly string[], Err: ErrorClass): Record<string, Column> {
  const out: Record<string, Column> = {};
  for (const name of columns) {
    if (!frame.has(name)) throw new Err(transform, messages.columnMissing(name, frame.names));
    out[name] = frame.column(name);
  }
  return out;
}

// User code fails with its own errors; wrap them so the message says which transform and step.
function guard<T>(transform: string, step: string, Err: ErrorClass, run: () => T): T {
  try {
    return run();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Err(transform, `${step} failed: ${reason}`, { cause: error });
  }
}
