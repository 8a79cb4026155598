// The one error base lives in @mlops/errors, a leaf package, so that the libraries core builds on
// (frame, stats, ...) extend it too without depending on core. Core re-exports it for plugins.
export { MlopsError, isMlopsError, getMlopsError, internalErrorCode, type MlopsErrorData } from '@mlops/errors';
