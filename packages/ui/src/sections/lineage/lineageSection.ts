import type { UiSection } from '../../UiSection';
import { buildLineage } from './buildLineage';
import { lineageIndex } from './lineageIndex';

/** Lineage: dataset versions → steps → artifacts → model versions → aliases, from the metadata store and the registry. */
export const lineageSection: UiSection = {
  id: 'lineage',
  title: 'Lineage',
  available: (s) => !!s.metadata,
  routes: [
    { method: 'GET', path: 'lineage', handle: (_req, s) => lineageIndex(s) },
    { method: 'GET', path: 'lineage/graph', handle: (req, s) => buildLineage(s, req) },
  ],
};
