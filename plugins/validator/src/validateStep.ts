import * as path from 'node:path';
import { canonicalJson, htmlDocument, sha256, step, tokens, type HtmlDocument, type Json, type StepDefinition } from '@mlops/core';
import { digestFrame, type Frame } from '@mlops/frame';
import { profileFrame } from '@mlops/stats';
import { z } from 'zod';
import { ValidationFailedError, type FailedCheck } from './errors';
import { writeReportFiles } from './lib/writeReportFiles';
import type { ValidationReport } from './report/ReportEntry';
import { renderReportHtml, type BaselineLike } from './report/renderReportHtml';
import { parseSchema } from './schema/parseSchema';

/** Outputs of `validateStep`. */
export interface ValidateStepOutputs {
  [output: string]: unknown;
  /** The repaired frame: converted, filled, clipped, deduplicated, PII masked or tokenized. */
  dataset: Frame;
  /** The JSON report (every check, failing first). */
  report: Json;
  /** The same report as a self-contained HTML page (`mlops report RUN_ID`). */
  reportHtml: HtmlDocument;
  /** `profileFrame` of the output frame with its dataset digest. */
  baseline: Json;
  /** Fill values per column, to reuse at serving time. */
  fittedFills: Json;
}

/** Options of `validateStep`. */
export interface ValidateStepOptions {
  /** Step name (default `validate`). */
  name?: string;
}

/**
 * A pipeline step that validates its `dataset` input with the configured validator
 * (`tokens.validator`) against `schema`. The schema is checked now, so a bad schema fails when
 * the pipeline is defined; its digest is the step's param, so editing it invalidates the cache.
 * When a check of severity `error` fails, the step writes the report to
 * `<stateDir>/reports/<runId>-<step>.html|json` (a throwing step stores no artifacts), logs the
 * path and throws `ValidationFailedError` naming every failing check.
 */
export function validateStep(schema: unknown, options: ValidateStepOptions = {}): StepDefinition<{ dataset: Frame }, ValidateStepOutputs, { schema: string }, { schema?: string }> {
  const parsed = parseSchema(schema);
  const schemaTag = `${parsed.name}@${sha256(canonicalJson(parsed))}`;
  return step({
    name: options.name ?? 'validate',
    description: `validate dataset "${parsed.name}"`,
    params: z.object({ schema: z.string().default(schemaTag) }).strict(),
    uses: [tokens.validator],
    run: async ({ dataset }: { dataset: Frame }, ctx): Promise<ValidateStepOutputs> => {
      const validator = ctx.resolve(tokens.validator);
      const outcome = await validator.validate(dataset, parsed, { dataset: parsed.name });
      const report = outcome.report as unknown as ValidationReport;
      const extra = outcome as { baseline?: Json; fittedFills?: Json };
      const baseline = extra.baseline ?? { dataset: parsed.name, datasetDigest: digestFrame(outcome.frame), ...(profileFrame(outcome.frame) as unknown as { [k: string]: Json }) };
      const fittedFills = extra.fittedFills ?? { version: 1, dataset: parsed.name, fills: report.fills ?? {} };
      for (const e of report.checks ?? []) {
        if (e.status === 'pass') continue;
        const line = `${e.check}${e.column === undefined ? '' : ` ${e.column}`}: ${e.message}`;
        (e.status === 'fail' ? ctx.log.error : ctx.log.warn)(line, e.examples.length ? { examples: e.examples } : undefined);
      }
      const page = renderReportHtml(report, baseline as BaselineLike);
      if (!outcome.passed) {
        const dir = (validator as { reportsDir?: string }).reportsDir ?? path.join(ctx.projectRoot, '.mlops', 'reports');
        const paths = await writeReportFiles(dir, `${ctx.runId}-${ctx.stepId}`, page, `${JSON.stringify(outcome.report, null, 2)}\n`);
        ctx.log.error(`validation failed; report written to ${paths[0]}`);
        throw new ValidationFailedError(ctx.stepId, failures(report), paths);
      }
      ctx.log.info(`validation passed: ${report.summary?.warn ?? 0} warnings, ${report.rows?.output ?? outcome.frame.rowCount} rows out`);
      return { dataset: outcome.frame, report: outcome.report, reportHtml: htmlDocument(`Validation report: ${parsed.name}`, page), baseline, fittedFills };
    },
  });
}

function failures(report: ValidationReport): FailedCheck[] {
  return (report.checks ?? []).filter((e) => e.status === 'fail').map((e) => ({ check: e.check, column: e.column, badCount: e.badCount, message: e.message, examples: e.examples }));
}
