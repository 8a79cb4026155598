import type { OrchestrationOptions, RetryPolicy, StepPolicy } from './orchestrationOptions';

/** The policy of one step: its override merged over the defaults. */
export function stepPolicyOf(options: Pick<OrchestrationOptions, 'defaults' | 'steps'>, pipeline: string, stepId: string): StepPolicy {
  const override = options.steps[`${pipeline}.${stepId}`];
  return { retry: { ...options.defaults.retry, ...override?.retry }, timeoutMs: override?.timeoutMs ?? options.defaults.timeoutMs, isolation: override?.isolation ?? options.defaults.isolation };
}

/** Wait before attempt `attempt` (2 = first retry): exponential, capped by `maxDelayMs`. */
export function retryDelayMs(policy: RetryPolicy, attempt: number): number {
  if (attempt <= 1) return 0;
  return Math.min(policy.maxDelayMs, Math.round(policy.delayMs * policy.factor ** (attempt - 2)));
}
