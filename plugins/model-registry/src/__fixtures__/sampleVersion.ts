import type { ArtifactStore, ModelEvaluation, NewModelVersion } from '@mlops/core';

let counter = 0;

/** A model name nobody else in the database uses. */
export function uniqueModel(prefix = 'model'): string {
  return `${prefix}-${process.pid}-${++counter}-${Math.random().toString(36).slice(2, 8)}`;
}

/** A digest of a shared test set, so two versions can be compared. */
export const testSet = `sha256:${'a'.repeat(64)}`;
export const otherSet = `sha256:${'b'.repeat(64)}`;

let blobCounter = 0;

/**
 * Stores a small fake ONNX blob, different on every call (registration is idempotent by artifacts
 * and signature, so each call must be a new model), and returns a registrable version.
 */
export async function sampleVersion(
  artifacts: ArtifactStore,
  name: string,
  evaluation?: Omit<ModelEvaluation, 'evaluatedAt'>,
  extra: Partial<NewModelVersion> = {},
): Promise<NewModelVersion> {
  const onnx = await artifacts.put(new TextEncoder().encode(`onnx of ${name} #${++blobCounter}`));
  return {
    name,
    runId: 'run-1',
    artifacts: { onnx: onnx.digest },
    signature: {
      task: 'binary',
      inputs: [
        { name: 'radius', type: 'double' },
        { name: 'texture', type: 'double', nullable: true },
      ],
      outputs: [{ name: 'probabilities', type: 'float', shape: [null, 2] }],
      classes: ['benign', 'malignant'],
    },
    ...(evaluation ? { evaluation } : {}),
    datasets: [{ name: 'train/split/train', digest: `sha256:${'c'.repeat(64)}`, role: 'input', rows: 400 }],
    training: { kind: 'gbdt', params: { learningRate: 0.1, maxDepth: 4 } },
    ...extra,
  };
}

/** An evaluation on `set` with the given metrics. */
export function evalOn(set: string, metrics: Record<string, number>, slices?: Record<string, Record<string, number>>): Omit<ModelEvaluation, 'evaluatedAt'> {
  return { datasetDigest: set, datasetName: 'test', metrics, ...(slices ? { slices } : {}) };
}
