import type { Frame } from '@mlops/frame';
import { TransformFitError } from '../errors';
import { messages } from '../messages';
import type { Transform } from '../Transform';
import { FittedTransformChain } from './FittedTransformChain';

/** Options of `transformChain`. */
export interface TransformChainOptions {
  /** The raw feature columns; default: every column of the frame given to `fit` (drop the label first). */
  readonly columns?: readonly string[];
}

/** An unfitted chain: `fit` fits each step on the output of the previous one. */
export interface TransformChain extends Transform {
  readonly steps: readonly Transform[];
  fit(frame: Frame): FittedTransformChain;
  /** Fits, and also returns the transformed training frame (computed while fitting anyway). */
  fitTransform(frame: Frame): { readonly fitted: FittedTransformChain; readonly output: Frame };
}

/**
 * Chains transforms: fitted in order, applied in order, serialized as one JSON document, exported
 * as one ONNX graph. Columns a step does not select pass through it unchanged.
 */
export function transformChain(steps: readonly Transform[], options: TransformChainOptions = {}): TransformChain {
  const fitTransform = (frame: Frame) => {
    for (const name of options.columns ?? []) {
      if (!frame.has(name)) throw new TransformFitError('transform-chain', messages.columnMissing(name, frame.names));
    }
    const input = options.columns ? frame.select(options.columns) : frame;
    let output = input;
    const fittedSteps = steps.map((step) => {
      const fitted = step.fit(output);
      output = fitted.transform(output);
      return fitted;
    });
    const schema = (f: Frame) => f.schema().map(({ name, dtype }) => ({ name, dtype }));
    return { fitted: new FittedTransformChain(schema(input), fittedSteps, schema(output)), output };
  };
  return {
    name: 'transform-chain',
    steps: [...steps],
    fit: (frame) => fitTransform(frame).fitted,
    fitTransform,
  };
}
