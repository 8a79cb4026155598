import type { UiSection } from '../../UiSection';
import { compareRuns } from './compareRuns';
import { listRuns } from './listRuns';
import { previewArtifact } from './previewArtifact';
import { runLogs } from './runLogs';
import { showRun } from './showRun';

/** Runs: the searchable table, a run's page, artifact previews and comparisons (needs the tracker). */
export const runsSection: UiSection = {
  id: 'runs',
  title: 'Runs',
  available: (s) => !!s.tracker,
  routes: [
    { method: 'GET', path: 'runs', handle: (req, s) => listRuns(s.tracker!, req) },
    { method: 'GET', path: 'runs/:id', handle: (req, s) => showRun(s, req.params.id!) },
    { method: 'GET', path: 'runs/:id/logs', handle: (req, s) => runLogs(s, req.params.id!) },
    { method: 'GET', path: 'compare', handle: (req, s) => compareRuns(s.tracker!, req) },
    { method: 'GET', path: 'artifacts/:id/preview', handle: (req, s) => previewArtifact(s, req.params.id!) },
  ],
};
