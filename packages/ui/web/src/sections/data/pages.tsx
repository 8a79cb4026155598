import type { WebSection } from '../index';
import { DataPage } from './DataPage';
import { DriftPage } from './DriftPage';
import { ValidationPage } from './ValidationPage';

/** `#/data`, `#/data/validation/ARTIFACT`, `#/data/drift/MODEL?range=6h&feature=&window=`. */
export const dataPages: WebSection = {
  id: 'data',
  home: '/data',
  pages: [
    { pattern: /^\/data\/?$/, render: () => <DataPage /> },
    { pattern: /^\/data\/validation\/([^/]+)$/, render: ({ match }) => <ValidationPage id={decodeURIComponent(match[1]!)} /> },
    { pattern: /^\/data\/drift\/(.+)$/, render: ({ match, query }) => <DriftPage model={decodeURIComponent(match[1]!)} query={query} /> },
  ],
};
