import type { WebSection } from '../index';
import { ModelPage } from './ModelPage';
import { ModelsPage } from './ModelsPage';

/** `#/models` and `#/models/NAME` (names may contain `/`, encoded). */
export const registryPages: WebSection = {
  id: 'models',
  home: '/models',
  pages: [
    { pattern: /^\/models\/?$/, render: () => <ModelsPage /> },
    { pattern: /^\/models\/(.+)$/, render: ({ match, writable }) => <ModelPage name={decodeURIComponent(match[1]!)} writable={writable} /> },
  ],
};
