import type { WebSection } from '../index';
import { StudiesPage } from './StudiesPage';
import { StudyPage } from './StudyPage';

/** `#/tuning` and `#/tuning/STUDY`. */
export const tuningPages: WebSection = {
  id: 'tuning',
  home: '/tuning',
  pages: [
    { pattern: /^\/tuning\/?$/, render: () => <StudiesPage /> },
    { pattern: /^\/tuning\/(.+)$/, render: ({ match }) => <StudyPage name={decodeURIComponent(match[1]!)} /> },
  ],
};
