import type { WebSection } from '../index';
import { LineagePage } from './LineagePage';

/** `#/lineage` and `#/lineage?run=…|model=…&version=…|dataset=…&version=…`. */
export const lineagePages: WebSection = {
  id: 'lineage',
  home: '/lineage',
  pages: [{ pattern: /^\/lineage\/?$/, render: ({ query }) => <LineagePage query={query} /> }],
};
