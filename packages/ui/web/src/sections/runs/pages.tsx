import type { WebSection } from '../index';
import { ComparePage } from './ComparePage';
import { RunPage } from './RunPage';
import { RunsPage } from './RunsPage';

/** `#/runs`, `#/runs/ID`, `#/compare?ids=a,b`. */
export const runsPages: WebSection = {
  id: 'runs',
  home: '/runs',
  pages: [
    { pattern: /^\/runs\/?$/, render: ({ query }) => <RunsPage query={query} /> },
    { pattern: /^\/runs\/([^/]+)$/, render: ({ match }) => <RunPage id={decodeURIComponent(match[1]!)} /> },
    { pattern: /^\/compare$/, render: ({ query }) => <ComparePage ids={query.get('ids') ?? ''} /> },
  ],
};
