import type { Frame } from '@mlops/frame';
import type { OnnxExportContext } from './onnx/OnnxExportContext';

/** A JSON value: what fitted state may consist of (finite numbers only; no NaN, no functions). */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/**
 * The serialized form of a fitted transform: plain JSON data, never code. `kind` says which
 * loader reads it and `version` which layout of that kind it has.
 */
export interface FittedTransformData {
  readonly kind: string;
  readonly version: number;
  readonly [field: string]: JsonValue;
}

/** A transform before fitting: a name and options. `fit` learns its parameters from a frame. */
export interface Transform {
  /** Kind or user-given name, used in error messages. */
  readonly name: string;
  /** Learns parameters from `frame` (the training data) and returns the fitted transform. */
  fit(frame: Frame): FittedTransform;
}

/**
 * A fitted transform: applies the same code in training and serving, serializes as data, and
 * exports ONNX nodes that compute the same thing in a served model.
 */
export interface FittedTransform {
  readonly name: string;
  /** The `kind` written into `toJSON()`. */
  readonly kind: string;
  /** Columns it reads (all other columns pass through unchanged). */
  readonly columns: readonly string[];
  /** Applies the fitted parameters; returns a new frame. */
  transform(frame: Frame): Frame;
  /** Plain data `loadFittedTransform` rebuilds this transform from. */
  toJSON(): FittedTransformData;
  /** Adds the ONNX nodes computing `transform` to the graph in `ctx`. */
  onnx(ctx: OnnxExportContext): void;
}
