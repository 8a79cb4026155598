import type { StepRunOutcome } from '@mlops/core';
import type { RunStore, StepOutcome, StepsPerJob } from '../RunStore';
import type { CompletionResult } from './completeStepStatement';

interface Pending {
  stepId: string;
  claim: string;
  outputs: Record<string, string>;
  dependents: readonly string[];
  record?: StepRunOutcome;
  resolve(result: CompletionResult): void;
  reject(error: unknown): void;
}

/**
 * Collects the completions of a batch job's steps and commits them together (`RunStore.completeBatch`,
 * one statement): at `flush` (the batch's end) or once the oldest has waited `maxDelayMs`, so a long
 * step later in the batch never holds its batch-mates' outcomes (and their dependents) back for long.
 * Each step's promise resolves with its own acceptance and records; what the group released and the
 * run's end are settled once per commit. A commit that fails rejects every step in it.
 */
export class CompletionGroup {
  private pending: Pending[] = [];
  private timer: NodeJS.Timeout | undefined;
  private chain: Promise<void> = Promise.resolve();
  /** The first error settling a commit's outcome (queueing what it released, ending the run): the batch's job fails with it. */
  settleError: unknown;

  constructor(
    private readonly store: RunStore,
    private readonly runId: string,
    private readonly settle: (outcome: StepOutcome) => Promise<void>,
    private readonly maxDelayMs: number,
    private readonly stepsPerJob?: StepsPerJob,
  ) {}

  add(c: Omit<Pending, 'resolve' | 'reject'>): Promise<CompletionResult> {
    return new Promise<CompletionResult>((resolve, reject) => {
      this.pending.push({ ...c, resolve, reject });
      this.timer ??= setTimeout(() => void this.flush(), this.maxDelayMs);
    });
  }

  /** Commits what is pending (after any commit in flight); resolves once it is settled, never rejects (see `settleError`). */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const group = this.pending;
    this.pending = [];
    if (!group.length) return this.chain;
    this.chain = this.chain.then(() => this.commit(group));
    return this.chain;
  }

  private async commit(group: Pending[]): Promise<void> {
    let outcome: StepOutcome;
    try {
      const result = await this.store.completeBatch(this.runId, group, Date.now(), this.stepsPerJob);
      outcome = result.outcome;
      // What was released and the run's end are settled below, once: each step's own result carries neither.
      result.steps.forEach((s, i) => group[i].resolve({ accepted: s.accepted, records: s.records, enqueue: [], runStatus: outcome.runStatus }));
    } catch (error) {
      for (const p of group) p.reject(error);
      return;
    }
    try {
      await this.settle(outcome);
    } catch (error) {
      this.settleError ??= error;
    }
  }
}
