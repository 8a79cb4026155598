import { tfjsTrainer } from './plugin';

export { tfjsTrainer };
export { tfjsParams, tfjsOptions, type TfjsParams, type TfjsUserParams, type TfjsOptions } from './config';
export { createTfjsTrainer, type TfjsTrainer } from './createTfjsTrainer';
export { resolveTfjsParams } from './lib/resolveTfjsParams';
export { fitTfjs, type FitTfjsHooks } from './fitTfjs';
export { TfjsModel } from './TfjsModel';
export type { TfjsModelData, DenseLayer } from './TfjsModelData';
export { loadTfjsModel } from './loadTfjsModel';
// Re-exported for compatibility: backend selection is shared with the tfjs runtime in @mlops/tfjs-backend.
export { selectBackend, type TfjsBackend as BackendName } from '@mlops/tfjs-backend';
export { TfjsError, tfjsErrorCodes, type TfjsErrorCode } from './errors';

/** The package's plugins (just the tfjs trainer). */
export default [tfjsTrainer];
