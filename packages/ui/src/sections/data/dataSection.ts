import { intParam } from '../../http/queryParams';
import type { UiSection } from '../../UiSection';
import { driftOverTime } from './driftOverTime';
import { listValidations, showValidation } from './validationReports';

/**
 * Data: validation reports and their baselines (runs of a validation step), and, with a monitor,
 * drift over time per feature with both histograms, estimated and realized performance, alert history.
 */
export const dataSection: UiSection = {
  id: 'data',
  title: 'Data',
  available: (s) => !!s.monitor || (!!s.validates && !!s.metadata),
  routes: [
    {
      method: 'GET',
      path: 'data',
      handle: async (_req, s) => ({
        validation: !!s.metadata && !!s.validates,
        monitor: !!s.monitor,
        models: s.monitor && s.registry ? (await s.registry.listModels()).map((m) => ({ name: m.name, aliases: m.aliases, latestVersion: m.latestVersion })) : [],
      }),
    },
    { method: 'GET', path: 'data/validations', handle: (req, s) => (s.metadata ? listValidations(s, intParam(req.query, 'limit', 50, 1, 500)) : Promise.resolve({ reports: [], scanned: 0 })) },
    { method: 'GET', path: 'data/validations/:id', handle: (req, s) => showValidation(s, req.params.id!) },
    { method: 'GET', path: 'data/drift', handle: (req, s) => driftOverTime(s, req) },
    {
      method: 'GET',
      path: 'data/alerts',
      handle: async (req, s) => {
        const options = { limit: intParam(req.query, 'limit', 100, 1, 1000), model: req.query.get('model') || undefined };
        if (!s.monitor) return { alerts: [], retrainRequests: [] };
        const [alerts, retrainRequests] = await Promise.all([s.monitor.listAlerts(options), s.monitor.listRetrainRequests(options)]);
        return { alerts, retrainRequests };
      },
    },
  ],
};
