import type { UiSection } from '../../UiSection';
import { orchestrationOverview } from './orchestrationOverview';

/** Orchestration: schedules, queue state, running and failed runs with their steps (needs `plugins.orchestrator` or the embedded default). */
export const orchestrationSection: UiSection = {
  id: 'orchestration',
  title: 'Orchestration',
  available: (s) => !!s.orchestrator,
  routes: [{ method: 'GET', path: 'orchestration', handle: (req, s) => orchestrationOverview(s, req) }],
};
