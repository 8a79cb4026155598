import { gbdtTrainer } from './plugin';

export { gbdtTrainer };
export { gbdtParams, gbdtOptions, type GbdtParams, type GbdtUserParams, type GbdtOptions } from './config';
export { createGbdtTrainer, resolveGbdtParams } from './createGbdtTrainer';
export { fitGbdt } from './fitGbdt';
export { GbdtModel } from './GbdtModel';
export type { GbdtModelData } from './GbdtModelData';
export type { Tree } from './lib/Tree';
export { loadGbdtModel } from './loadGbdtModel';
export { GbdtError, gbdtErrorCodes, type GbdtErrorCode } from './errors';

/** The package's plugins (just the GBDT trainer). */
export default [gbdtTrainer];
