import { onnx } from 'onnx-proto';
import { defaultIrVersion, defaultOpsets, type ModelOptions } from './ModelOptions';

/** Wraps a GraphProto into a ModelProto with opset imports, IR version and producer fields. */
export function createModel(graph: onnx.IGraphProto, options: ModelOptions = {}): onnx.ModelProto {
  const opsets = options.opsets ?? defaultOpsets;
  const model = onnx.ModelProto.create({
    irVersion: options.irVersion ?? defaultIrVersion,
    producerName: options.producerName ?? 'mlops',
    opsetImport: Object.entries(opsets).map(([domain, version]) => ({ domain, version })),
    graph,
  });
  if (options.producerVersion !== undefined) model.producerVersion = options.producerVersion;
  if (options.docString !== undefined) model.docString = options.docString;
  if (options.metadata) {
    model.metadataProps = Object.entries(options.metadata).map(([key, value]) => ({ key, value }));
  }
  return model;
}
