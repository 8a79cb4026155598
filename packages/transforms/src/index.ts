export type { FittedTransform, FittedTransformData, JsonValue, Transform } from './Transform';

export { standardScaler, loadStandardScaler } from './scalers/standardScaler';
export type { StandardScalerOptions } from './scalers/standardScaler';
export { minMaxScaler, loadMinMaxScaler } from './scalers/minMaxScaler';
export type { MinMaxScalerOptions } from './scalers/minMaxScaler';
export { robustScaler, loadRobustScaler } from './scalers/robustScaler';
export type { RobustScalerOptions } from './scalers/robustScaler';
export { simpleImputer, loadSimpleImputer } from './imputers/simpleImputer';
export type { SimpleImputerOptions } from './imputers/simpleImputer';
export type { ImputeStrategy } from './imputers/lib/ImputeStrategy';
export { oneHotEncoder, loadOneHotEncoder } from './encoders/oneHotEncoder';
export type { OneHotEncoderOptions } from './encoders/oneHotEncoder';
export { ordinalEncoder, loadOrdinalEncoder } from './encoders/ordinalEncoder';
export type { OrdinalEncoderOptions } from './encoders/ordinalEncoder';
export { userTransform, userTransformKind } from './user/userTransform';
export type { UserTransform, UserTransformSpec } from './user/userTransform';

export { transformChain } from './chain/transformChain';
export type { TransformChain, TransformChainOptions } from './chain/transformChain';
export { FittedTransformChain } from './chain/FittedTransformChain';
export type { ChainColumn } from './chain/ChainColumn';
export type { FeatureMatrix } from './chain/FeatureMatrix';
export { featuresOutput } from './chain/buildChainGraph';
export { loadFittedTransform, loadTransformChain } from './loadFittedTransform';
export type { LoadFittedTransformOptions } from './loadFittedTransform';

export type { OnnxColumn, OnnxExportContext } from './onnx/OnnxExportContext';
export type { OnnxFeed } from './onnx/onnxFeeds';

export {
  OnnxExportError,
  TransformApplyError,
  TransformConfigError,
  TransformDataError,
  TransformError,
  TransformFitError,
  transformErrorCodes,
} from './errors';
export type { TransformErrorCode } from './errors';
