export { DatasetCatalog, goneMessage, type DatasetUser } from './DatasetCatalog';
export { assertDatasetName, formatDatasetRef, parseDatasetRef, type DatasetVersionRef } from './datasetRef';
export type { StepDatasets } from './StepDatasets';
