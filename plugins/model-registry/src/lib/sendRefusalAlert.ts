import type { AlertSink, Logger, PromotionResult } from '@mlops/core';
import { registryMessages } from '../messages';

/**
 * Tells someone a promotion was refused: through the alert sink when one is configured, else as a
 * log warning. A failing sink is logged, never thrown: the refusal is already recorded.
 */
export async function sendRefusalAlert(result: PromotionResult, deps: { alerts?: AlertSink; logger: Logger }): Promise<void> {
  const { event, decision } = result;
  const alias = event.alias ?? 'champion';
  const title = registryMessages.refusedTitle(event.model, event.version ?? 0, alias);
  const detail = decision.reasons.join('\n');
  if (!deps.alerts) {
    deps.logger.warn(`${title}: ${decision.reasons.join('; ')}`);
    return;
  }
  const labels: Record<string, string> = { source: 'model-registry', model: event.model, version: String(event.version), alias, actor: event.actor };
  if (decision.incumbentVersion !== null) labels.incumbentVersion = String(decision.incumbentVersion);
  try {
    await deps.alerts.send({ severity: 'warning', title, detail, labels });
  } catch (error) {
    deps.logger.warn(`${title}: ${decision.reasons.join('; ')} (the alert sink failed: ${error instanceof Error ? error.message : String(error)})`);
  }
}
