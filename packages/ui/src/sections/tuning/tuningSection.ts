import type { Tuner } from '@mlops/core';
import type { UiSection } from '../../UiSection';
import { StudyViews } from './studyView';

// One cache per tuner: the dashboard serves one project, tests open several.
const viewsByTuner = new WeakMap<Tuner, StudyViews>();
const viewsOf = (tuner: Tuner): StudyViews => viewsByTuner.get(tuner) ?? viewsByTuner.set(tuner, new StudyViews(tuner)).get(tuner)!;

/** Tuning: the tuner's studies; per study the history, parallel coordinates, importances and Pareto front. */
export const tuningSection: UiSection = {
  id: 'tuning',
  title: 'Tuning',
  available: (s) => !!s.tuner,
  routes: [
    { method: 'GET', path: 'studies', handle: async (_req, s) => ({ studies: await s.tuner!.listStudies() }) },
    { method: 'GET', path: 'studies/:name', handle: (req, s) => viewsOf(s.tuner!).view(req.params.name!) },
    { method: 'GET', path: 'studies/:name/importances', handle: (req, s) => viewsOf(s.tuner!).importances(req.params.name!) },
  ],
};
