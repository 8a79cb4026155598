/** Error codes raised by @mlops/frame, `E_` prefixed like every mlops code. */
export const frameErrorCodes = {
  columnNotFound: 'E_FRAME_COLUMN_NOT_FOUND',
  invalidColumn: 'E_FRAME_INVALID_COLUMN',
  schema: 'E_FRAME_SCHEMA',
  format: 'E_FRAME_FORMAT',
  badRows: 'E_FRAME_BAD_ROWS',
  unsupportedType: 'E_FRAME_UNSUPPORTED_TYPE',
  location: 'E_FRAME_LOCATION',
} as const;

/** One of the codes above. */
export type FrameErrorCode = (typeof frameErrorCodes)[keyof typeof frameErrorCodes];
