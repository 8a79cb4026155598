import type { ArtifactRecord, Json } from '@mlops/core';
import { UiError, uiErrorCodes } from '../../errors';
import type { UiServices } from '../../UiSection';

/**
 * A validation report as the table lists it. Reports are the `report` output of a validation step
 * (`validateStep` of `@mlops/validator`: outputs `report`, `baseline`, ...), recognised by their
 * documented shape (`passed`, `summary`, `checks`), so any step writing that shape is listed too.
 */
export interface ValidationSummary {
  id: string;
  /** The artifact's name, `<pipeline>/<step>/report`. */
  name: string;
  runId: string;
  createdAt: number;
  dataset: string | null;
  passed: boolean;
  checkedAt: string | null;
  summary: { fail: number; warn: number; pass: number };
  rows: { input: number | null; output: number | null; dropped: number | null };
  /** The baseline profile the same step stored (`baseline` output), if any. */
  baselineId: string | null;
}

// Artifacts are scanned newest first in pages; a store with more than this many artifacts newer
// than its last validation shows none beyond them, which keeps one request bounded.
const scanPage = 1000;
const scanLimit = 20_000;
const maxReportBytes = 4 * 1024 * 1024;

/** `GET /api/data/validations`: the newest validation reports, newest first. */
export async function listValidations(services: UiServices, limit: number): Promise<{ reports: ValidationSummary[]; scanned: number }> {
  const metadata = services.metadata!;
  const reports: ValidationSummary[] = [];
  let scanned = 0;
  while (reports.length < limit && scanned < scanLimit) {
    const page = await metadata.listArtifacts({ limit: scanPage, offset: scanned });
    scanned += page.length;
    for (const artifact of page) {
      if (artifact.output !== 'report' || artifact.serializer !== 'json' || artifact.size > maxReportBytes) continue;
      const report = await readJson(services, artifact);
      if (isValidationReport(report)) reports.push(await summarize(services, artifact, report));
      if (reports.length >= limit) break;
    }
    if (page.length < scanPage) break;
  }
  return { reports, scanned };
}

/** `GET /api/data/validations/:id`: one report with every check and its baseline profile. */
export async function showValidation(services: UiServices, id: string): Promise<{ summary: ValidationSummary; report: Json; baseline: Json | null }> {
  const artifact = await services.metadata!.getArtifact(id);
  const report = artifact && (await readJson(services, artifact));
  if (!artifact || !isValidationReport(report)) throw new UiError(uiErrorCodes.notFound, `no validation report "${id}"`, { path: 'id', received: id });
  const summary = await summarize(services, artifact, report);
  const baselineRecord = summary.baselineId ? await services.metadata!.getArtifact(summary.baselineId) : undefined;
  const baseline = baselineRecord ? await readJson(services, baselineRecord) : null;
  return { summary, report: report as unknown as Json, baseline: (baseline ?? null) as Json };
}

interface ReportShape {
  passed: boolean;
  dataset?: string;
  checkedAt?: string;
  summary: { fail: number; warn: number; pass: number };
  rows?: { input?: number; output?: number; dropped?: number };
  checks: unknown[];
}

function isValidationReport(value: unknown): value is ReportShape {
  const r = value as ReportShape | null;
  return !!r && typeof r === 'object' && typeof r.passed === 'boolean' && Array.isArray(r.checks) && !!r.summary && typeof r.summary.fail === 'number';
}

async function readJson(services: UiServices, artifact: ArtifactRecord): Promise<unknown> {
  if (!services.artifacts || !(await services.artifacts.has(artifact.digest))) return undefined;
  try {
    return JSON.parse(new TextDecoder().decode(await services.artifacts.get(artifact.digest)));
  } catch {
    return undefined;
  }
}

async function summarize(services: UiServices, artifact: ArtifactRecord, r: ReportShape): Promise<ValidationSummary> {
  const siblings = await services.metadata!.artifactsOfStepRun(artifact.stepRunId);
  const num = (v: unknown) => (typeof v === 'number' ? v : null);
  return {
    id: artifact.id,
    name: artifact.name,
    runId: artifact.runId,
    createdAt: artifact.createdAt,
    dataset: typeof r.dataset === 'string' ? r.dataset : null,
    passed: r.passed,
    checkedAt: typeof r.checkedAt === 'string' ? r.checkedAt : null,
    summary: { fail: r.summary.fail, warn: num(r.summary.warn) ?? 0, pass: num(r.summary.pass) ?? 0 },
    rows: { input: num(r.rows?.input), output: num(r.rows?.output), dropped: num(r.rows?.dropped) },
    baselineId: siblings.find((a) => a.output === 'baseline' && a.serializer === 'json')?.id ?? null,
  };
}
