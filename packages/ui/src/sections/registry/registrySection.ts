import { badParam } from '../../errors';
import { cardCsp } from '../../http/contentSecurity';
import { intParam } from '../../http/queryParams';
import type { UiSection } from '../../UiSection';
import { promoteVersion, rollbackAlias } from './registryActions';

/** Registry: models, versions, aliases, the audit trail with the gate's decisions, cards, promote and rollback. */
export const registrySection: UiSection = {
  id: 'models',
  title: 'Registry',
  available: (s) => !!s.registry,
  routes: [
    { method: 'GET', path: 'models', handle: async (_req, s) => ({ models: await s.registry!.listModels() }) },
    {
      method: 'GET',
      path: 'models/:name',
      handle: async (req, s) => {
        const name = req.params.name!;
        const [versions, history] = await Promise.all([s.registry!.listVersions(name), s.registry!.history(name, { limit: intParam(req.query, 'events', 500, 1, 10_000) })]);
        return { name, versions, history };
      },
    },
    {
      method: 'GET',
      path: 'models/:name/versions/:version/card',
      handle: async (req, s) => {
        const version = Number(req.params.version);
        if (!Number.isInteger(version) || version < 1) throw badParam('version', 'a version number (a positive integer)', req.params.version);
        // The card is a self-contained page with inline CSS and no script; the dashboard frames it.
        return { raw: await s.registry!.modelCard(req.params.name!, version, 'html'), contentType: 'text/html; charset=utf-8', csp: cardCsp };
      },
    },
    { method: 'POST', path: 'models/:name/promote', action: true, handle: (req, s) => promoteVersion(s.registry!, req) },
    { method: 'POST', path: 'models/:name/rollback', action: true, handle: (req, s) => rollbackAlias(s.registry!, req) },
  ],
};
