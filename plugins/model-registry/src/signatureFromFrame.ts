import type { ModelSignature, SignatureColumn } from '@mlops/core';
import type { DType, Frame } from '@mlops/frame';
import { RegistryError } from './errors';

/** What {@link signatureFromFrame} needs besides the frame. */
export interface SignatureFromFrameOptions {
  /** Input columns, in the order the model takes them; default every column of the frame. */
  features?: readonly string[];
  task: ModelSignature['task'];
  /** Class labels in probability-column order (classifiers). */
  classes?: readonly string[];
  /** Default: `probabilities` [N, classes] for classifiers, `prediction` [N, 1] for regression. */
  outputs?: ModelSignature['outputs'];
}

// Timestamps travel as epoch milliseconds, so a caller sends them as doubles.
const typeOfDType: Record<DType, SignatureColumn['type']> = { float64: 'double', int32: 'int', bool: 'bool', category: 'string', timestamp: 'double' };

/**
 * A model signature from a frame's column dtypes (typically the raw training frame, before
 * preprocessing); a column with nulls is marked nullable.
 */
export function signatureFromFrame(frame: Frame, options: SignatureFromFrameOptions): ModelSignature {
  const features = options.features ?? frame.names;
  const missing = features.filter((f) => !frame.has(f));
  if (missing.length) throw new RegistryError(`signatureFromFrame: features ${missing.join(', ')} are not columns of the frame (columns: ${frame.names.join(', ')})`);
  if (options.task !== 'regression' && !options.classes?.length) throw new RegistryError(`signatureFromFrame: a ${options.task} signature needs classes, received none`);
  const inputs = features.map((name): SignatureColumn => {
    const column = frame.column(name);
    return { name, type: typeOfDType[column.dtype], nullable: column.nulls !== undefined && column.nulls.includes(1) };
  });
  const outputs =
    options.outputs ?? (options.task === 'regression' ? [{ name: 'prediction', type: 'float', shape: [null, 1] }] : [{ name: 'probabilities', type: 'float', shape: [null, options.classes!.length] }]);
  const signature: ModelSignature = { task: options.task, inputs, outputs };
  if (options.classes) signature.classes = [...options.classes];
  return signature;
}
