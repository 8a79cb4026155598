export { MlopsError, isMlopsError, type MlopsErrorData } from './MlopsError';
export { getMlopsError, internalErrorCode } from './getMlopsError';
