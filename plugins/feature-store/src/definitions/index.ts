export * from './types';
export { entity } from './entity';
export { sqlSource, fileSource } from './sources';
export { streamSource, type StreamSourceDefinition } from './streamSource';
export { featureView, type FeatureViewDefinition } from './featureView';
export { onDemandFeature } from './onDemandFeature';
export { featureService } from './featureService';
export { collectDefinitions, type FeatureDefinitions } from './collectDefinitions';
export { serviceColumns, type ServicePlan, type ServiceColumn, type ViewRead } from './serviceColumns';
