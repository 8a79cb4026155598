import type { z } from 'zod';
import type { Token } from '../tokens/createToken';
import type { StepTracking } from '../tracking/StepTracking';
import type { StepDatasets } from '../datasets/StepDatasets';
import type { Logger } from '../util/logger';
import { captureCallerFile } from './captureCallerFile';

/** What a step's `run` receives besides its inputs. */
export interface StepContext<P> {
  readonly params: P;
  readonly runId: string;
  /** The step's id inside the pipeline. */
  readonly stepId: string;
  /** Lines logged here are stored with the step run (`mlops runs show ID --logs`). */
  readonly log: Logger;
  /** Aborted when the run is interrupted (SIGINT/SIGTERM); long steps should check it. */
  readonly signal: AbortSignal;
  /** Folder holding the config file; relative data paths resolve against it. */
  readonly projectRoot: string;
  /** Params and metrics of this step in the run's tracked run (keys prefixed `<step id>.`); no-op without a tracker. */
  readonly track: StepTracking;
  /** Named dataset versions (`mlops data ls`): register a frame under a name, load one by `NAME[@vN]`. */
  readonly datasets: StepDatasets;
  /** A service from a configured plugin (trainer, feature store, ...); only tokens listed in `uses`. */
  resolve<T>(token: Token<T>): T;
}

export type StepOutputs = Record<string, unknown>;

/** A step as defined by `step()`; reusable in many pipelines. */
export interface StepDefinition<I extends StepOutputs = any, O extends StepOutputs = any, P = any, PIn = P> {
  readonly kind: 'mlops.step';
  readonly name: string;
  readonly description?: string;
  readonly params?: z.ZodType<P, PIn>;
  /** False disables caching for a step with side effects (default true). */
  readonly cache: boolean;
  /** Serializer name per output, overriding the choice by value type. */
  readonly serializers: Partial<Record<keyof O & string, string>>;
  /** Where the step was defined; part of its code digest. */
  readonly sourceFile: string | undefined;
  /** Tokens the step resolves; their plugins' options are part of its cache key. */
  readonly uses: readonly Token<unknown>[];
  /** Files the step reads, from its params; their contents are part of its cache key. */
  readonly reads?: (params: P) => readonly string[];
  readonly run: (inputs: I, ctx: StepContext<P>) => O | Promise<O>;
}

export interface StepOptions<I extends StepOutputs, O extends StepOutputs, S extends z.ZodType> {
  /** Kebab- or camel-case name, unique among the steps of a pipeline unless given an explicit id. */
  name: string;
  description?: string;
  params?: S;
  cache?: boolean;
  serializers?: Partial<Record<keyof O & string, string>>;
  /** Services the step resolves (`ctx.resolve`); changing their plugin options invalidates its cache. */
  uses?: readonly Token<unknown>[];
  /**
   * Files the step reads (paths relative to the project root), e.g. `(p) => [p.path]`: a changed
   * file re-runs the step instead of reusing outputs cached from its old content.
   */
  reads?: (params: z.output<S>) => readonly string[];
  run: (inputs: I, ctx: StepContext<z.output<S>>) => O | Promise<O>;
}

/** Defines a pipeline step: typed inputs (other steps' outputs), typed params, named outputs. */
export function step<I extends StepOutputs = {}, O extends StepOutputs = StepOutputs, S extends z.ZodType = z.ZodType<{}, {}>>(
  options: StepOptions<I, O, S>,
): StepDefinition<I, O, z.output<S>, z.input<S>> {
  if (!/^[A-Za-z][\w-]*$/.test(options.name)) throw new TypeError(`step name "${options.name}" must start with a letter and use letters, digits, - or _`);
  return Object.freeze({
    kind: 'mlops.step' as const,
    name: options.name,
    description: options.description,
    params: options.params as z.ZodType<z.output<S>, z.input<S>> | undefined,
    cache: options.cache ?? true,
    serializers: options.serializers ?? {},
    sourceFile: captureCallerFile(),
    uses: options.uses ?? [],
    reads: options.reads,
    run: options.run,
  });
}

export function isStep(value: unknown): value is StepDefinition {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'mlops.step';
}
