import { planRun, runPipelineStep, type OrchestrationOptions, type RunPlan, type PipelineStepOptions, type PipelineStepResult, type PipelineStepTask, type Runtime } from '@mlops/core';
import { openStepRuntime } from './lib/openStepRuntime';
import { StepAttemptError } from './StepChildPool';

/**
 * Runs steps configured `isolation: 'inline'` in the worker's own process, on a runtime of its own
 * (loaded once from the config file, without the orchestrator, as a step child loads it): no IPC hop
 * and no child wake-up per step. What it gives up: a step blocking the event loop delays the worker's
 * lock renewal and heartbeats (keep CPU-bound steps in `process`), and a step cannot be killed. At a
 * timeout or a cancelled run the attempt is abandoned instead: the caller is answered at once and
 * the step, still running, records no outputs when it returns (core's `abandonOnAbort`), so only the
 * retry's are kept. A step already recording its outputs is waited for: its attempt is not given up.
 */
export class InlineStepRunner {
  private runtime: Promise<Runtime> | undefined;
  /** The runtime once loaded: a step then starts without a race against the load timeout (a timer and two promises per step). */
  private loaded: Runtime | undefined;
  /** Steps still running, abandoned ones included: closing waits for them before closing the runtime. */
  private readonly running = new Set<Promise<unknown>>();

  constructor(private readonly configFile: string) {}

  private open(): Promise<Runtime> {
    this.runtime ??= openStepRuntime(this.configFile).then(
      (rt) => (this.loaded = rt),
      (error: unknown) => {
        this.runtime = undefined;
        throw error;
      },
    );
    return this.runtime;
  }

  /** Loads the project now (bounded by `timeoutMs`); never rejects: a project that fails to load fails the first step with its error. */
  async warm(timeoutMs = 5_000): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.open().catch(() => undefined), new Promise((r) => (timer = setTimeout(r, timeoutMs)))]);
    clearTimeout(timer);
  }

  /**
   * Runs one step; rejects with StepAttemptError when it fails, times out or its run is cancelled
   * (`signal`). `recordStepRun`: see `PipelineStepOptions.recordStepRun` (the caller's completion).
   */
  async run(task: PipelineStepTask, timeoutMs: number, startTimeoutMs = 120_000, signal?: AbortSignal, recordStepRun?: PipelineStepOptions['recordStepRun']): Promise<PipelineStepResult> {
    const runtime = this.loaded ?? (await this.bounded(this.open(), startTimeoutMs, `the worker did not load the project within ${startTimeoutMs} ms`));
    const abort = new AbortController();
    let committed = false;
    const step = runPipelineStep(runtime, task, { signal: abort.signal, abandonOnAbort: { onCommit: () => void (committed = true) }, recordStepRun });
    const tracked = step.catch(() => undefined).finally(() => this.running.delete(tracked));
    this.running.add(tracked);
    return new Promise<PipelineStepResult>((resolve, reject) => {
      const giveUp = (why: string) => {
        // Recording has begun: it ends soon, and the outcome is this attempt's.
        if (committed) return;
        done();
        abort.abort();
        reject(new StepAttemptError(`${why} (the inline step was abandoned: it records nothing when it returns)`, false));
      };
      const timer = setTimeout(() => giveUp(`timed out after ${timeoutMs} ms`), timeoutMs);
      const onAbort = () => giveUp('the run was cancelled');
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      step.then(
        (result) => {
          if (abort.signal.aborted) return;
          done();
          resolve(result);
        },
        (error: unknown) => {
          if (abort.signal.aborted) return;
          done();
          const e = error as { message?: string; stack?: string; badInput?: boolean };
          reject(new StepAttemptError(e?.stack && e.badInput !== true ? e.stack : (e?.message ?? String(error)), e?.badInput === true));
        },
      );
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /**
   * Plans a run in this process (`planRun`, as a step child does): a worker whose steps run inline by
   * default plans inline too, without a round trip to its child. Rejects with StepAttemptError (bad
   * params: `badInput`); planning past `timeoutMs` is given up on (it cannot be killed here).
   */
  async plan(runId: string, pipeline: string, params: Record<string, unknown>, timeoutMs: number): Promise<RunPlan> {
    const runtime = this.loaded ?? (await this.bounded(this.open(), timeoutMs, `the worker did not load the project within ${timeoutMs} ms`));
    return this.bounded(planRun(runtime, pipeline, params, { runId }), timeoutMs, `planning the run did not finish within ${timeoutMs} ms`);
  }

  private async bounded<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new StepAttemptError(message, false)), ms)));
    try {
      return await Promise.race([promise, expired]);
    } catch (error) {
      if (error instanceof StepAttemptError) throw error;
      const e = error as { message?: string; badInput?: boolean };
      throw new StepAttemptError(e?.message ?? String(error), e?.badInput === true);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Waits (at most `graceMs`) for steps still running, abandoned ones too, then closes the runtime. */
  async close(graceMs = 10_000): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(this.running), new Promise((r) => (timer = setTimeout(r, graceMs)))]);
    clearTimeout(timer);
    const runtime = this.runtime;
    this.runtime = undefined;
    this.loaded = undefined;
    await runtime?.then((rt) => rt.close()).catch(() => undefined);
  }
}

/** Whether any step runs inline under these options (a worker then loads the project in its own process up front). */
export function hasInlineSteps(options: Pick<OrchestrationOptions, 'defaults' | 'steps'>): boolean {
  return options.defaults.isolation === 'inline' || Object.values(options.steps).some((s) => s.isolation === 'inline');
}
