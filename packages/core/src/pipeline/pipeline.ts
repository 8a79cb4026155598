import type { z } from 'zod';
import { PipelineError } from '../errors/errors';
import { messages } from '../errors/messages';
import { assertSafeName } from '../util/safeName';
import type { StepDefinition, StepOutputs } from './step';

/** A reference to one output of a step added to a pipeline; pass it as another step's input. */
export interface OutputRef<T = unknown> {
  readonly kind: 'mlops.ref';
  readonly step: string;
  readonly output: string;
  /** Identifies the plan the ref belongs to, to reject refs from another pipeline. */
  readonly plan: symbol;
  readonly __type?: T;
}

export type OutputRefs<O> = { readonly [K in keyof O]-?: OutputRef<O[K]> };
export type InputRefs<I> = { readonly [K in keyof I]-?: OutputRef<I[K]> };

/** Returned by `p.add`: the step's id and typed refs to its outputs. */
export interface StepHandle<O> {
  readonly id: string;
  readonly out: OutputRefs<O>;
}

type AddOptions<I, PIn> = { id?: string; params?: PIn } & ({} extends I ? { inputs?: InputRefs<I> } : { inputs: InputRefs<I> });

/** Passed to a pipeline's `build`: adds steps and wires outputs to inputs. */
export interface PipelineBuilder {
  add<I extends StepOutputs, O extends StepOutputs, P, PIn>(step: StepDefinition<I, O, P, PIn>, ...options: {} extends I ? [AddOptions<I, PIn>?] : [AddOptions<I, PIn>]): StepHandle<O>;
}

/** One step in a built plan, with its wiring. */
export interface PlannedStep {
  id: string;
  step: StepDefinition;
  params: unknown;
  inputs: Record<string, { step: string; output: string }>;
}

/** A pipeline definition; `plan(params)` builds its DAG for one run. */
export interface PipelineDefinition<P = any, PIn = any> {
  readonly kind: 'mlops.pipeline';
  readonly name: string;
  readonly description?: string;
  readonly params?: z.ZodType<P, PIn>;
  plan(params: P): PlannedStep[];
}

export interface PipelineOptions<S extends z.ZodType> {
  name: string;
  description?: string;
  params?: S;
  build: (p: PipelineBuilder, params: z.output<S>) => void;
}

/** Defines a pipeline: `build` adds steps in any order that respects their inputs. */
export function pipeline<S extends z.ZodType = z.ZodType<{}, {}>>(options: PipelineOptions<S>): PipelineDefinition<z.output<S>, z.input<S>> {
  // Pipeline names and step ids make artifact names (`<pipeline>/<step>/<output>`) and report file names.
  const name = assertSafeName('pipeline', options.name);
  return Object.freeze({
    kind: 'mlops.pipeline' as const,
    name,
    description: options.description,
    params: options.params as z.ZodType<z.output<S>, z.input<S>> | undefined,
    plan(params: z.output<S>): PlannedStep[] {
      const planId = Symbol(name);
      const planned: PlannedStep[] = [];
      const ids = new Set<string>();
      const builder: PipelineBuilder = {
        add(step, ...rest) {
          const opts = (rest[0] ?? {}) as { id?: string; params?: unknown; inputs?: Record<string, OutputRef> };
          const id = opts.id ?? step.name;
          if (opts.id !== undefined) {
            assertSafeName('step', id);
            if (id.includes('/')) throw new PipelineError(name, `pipeline "${name}": step id must be one segment (no "/"), received ${JSON.stringify(id)}`);
          }
          if (ids.has(id)) throw new PipelineError(name, messages.duplicateStep(name, id));
          const inputs: PlannedStep['inputs'] = {};
          for (const [input, ref] of Object.entries(opts.inputs ?? {})) {
            if (!ref || ref.kind !== 'mlops.ref' || ref.plan !== planId || !ids.has(ref.step)) throw new PipelineError(name, messages.foreignInput(name, id, input));
            inputs[input] = { step: ref.step, output: ref.output };
          }
          ids.add(id);
          planned.push({ id, step, params: opts.params ?? {}, inputs });
          return { id, out: createOutputRefs(id, planId) } as StepHandle<never>;
        },
      };
      options.build(builder, params);
      return planned;
    },
  });
}

function createOutputRefs(step: string, plan: symbol): OutputRefs<Record<string, unknown>> {
  return new Proxy({} as OutputRefs<Record<string, unknown>>, {
    get: (_target, output) => (typeof output === 'string' ? Object.freeze({ kind: 'mlops.ref', step, output, plan }) : undefined),
  });
}

/**
 * How the config names a pipeline: the definition, or a function that loads it, e.g.
 * `() => import('./pipelines/train').then((m) => m.train)`. The function form keeps what a pipeline
 * imports (trainers, transforms, ONNX) out of commands that never run it (`mlops runs ls`, `serve`).
 */
export type PipelineEntry = PipelineDefinition | (() => PipelineDefinition | Promise<PipelineDefinition>);

export function isPipeline(value: unknown): value is PipelineDefinition {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'mlops.pipeline';
}
