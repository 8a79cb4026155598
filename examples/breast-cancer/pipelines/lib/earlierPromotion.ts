import type { GateDecision, ModelRegistry, PromotionResult } from '@mlops/core';

const promotionTypes = new Set(['promote', 'promotion-refused', 'promotion-forced']);

/**
 * The gate's verdict already recorded for `version` by this run, if any. An orchestrator retries a
 * step whose worker died after the registry committed but before the step's output was recorded;
 * the retry registers the same artifacts (the registry returns the same version) and must not ask
 * the gate again: a second `promote` would append a second event and alert a second time (or, once
 * promoted, refuse with "already champion").
 */
export async function earlierPromotion(registry: ModelRegistry, name: string, version: number, reason: string): Promise<PromotionResult | undefined> {
  const events = await registry.history(name, { limit: 100 });
  const event = events.reverse().find((e) => e.version === version && e.reason === reason && promotionTypes.has(e.type));
  if (!event) return undefined;
  const decision = (event.details as unknown as { decision: GateDecision }).decision;
  return { promoted: event.type !== 'promotion-refused', forced: event.type === 'promotion-forced', decision, event };
}
