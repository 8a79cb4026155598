import { PluginError, tokens, type Logger, type StepDefinition, type StepOutputs } from '@mlops/core';
import type { FrameValidator } from './createValidator';
import type { PiiFilter } from './pii/createPiiFilter';
import { parseSchema } from './schema/parseSchema';

/**
 * Wraps the step that reads raw data (`ingest`) so that personal data never reaches the artifact
 * store: every output is passed through the schema's PII replacement before the runner stores it
 * (frames: declared columns replaced whole, detected items in category columns; strings and plain
 * data: detected items), and so is every line the step logs. The same validator service, policy and
 * key as the validate step, which then finds the data already redacted and keeps it as it is. The
 * step `uses` the validator, so its cache key holds the key's fingerprint: a rotated key re-reads.
 */
export function withPiiRedacted<I extends StepOutputs, O extends StepOutputs, P, PIn>(inner: StepDefinition<I, O, P, PIn>, schema: unknown): StepDefinition<I, O, P, PIn> {
  const parsed = parseSchema(schema);
  const uses = inner.uses.some((t) => t.id === tokens.validator.id) ? inner.uses : [...inner.uses, tokens.validator];
  return Object.freeze({
    ...inner,
    uses,
    run: async (inputs: I, ctx: Parameters<StepDefinition<I, O, P, PIn>['run']>[1]): Promise<O> => {
      const validator = ctx.resolve(tokens.validator) as Partial<FrameValidator>;
      if (typeof validator.piiFilter !== 'function') throw new PluginError('validator', `step "${ctx.stepId}": the configured validator cannot redact PII (it has no piiFilter); configure @mlops/validator`);
      const filter = validator.piiFilter(parsed);
      const outputs = await inner.run(inputs, { ...ctx, resolve: ctx.resolve, log: redactingLogger(ctx.log, filter) });
      return Object.fromEntries(Object.entries(outputs).map(([name, value]) => [name, filter.value(value)])) as O;
    },
  });
}

function redactingLogger(log: Logger, filter: PiiFilter): Logger {
  const wrap = (level: keyof Logger) => (message: string, fields?: Record<string, unknown>) => log[level](filter.text(message), fields === undefined ? undefined : (filter.value(fields) as Record<string, unknown>));
  return { debug: wrap('debug'), info: wrap('info'), warn: wrap('warn'), error: wrap('error') };
}
