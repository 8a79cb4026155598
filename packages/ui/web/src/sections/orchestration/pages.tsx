import type { WebSection } from '../index';
import { OrchestrationPage } from './OrchestrationPage';

/** `#/orchestration?status=`. */
export const orchestrationPages: WebSection = {
  id: 'orchestration',
  home: '/orchestration',
  pages: [{ pattern: /^\/orchestration\/?$/, render: ({ query }) => <OrchestrationPage query={query} /> }],
};
