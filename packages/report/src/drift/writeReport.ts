import { readFile } from 'node:fs/promises';
import { ReportError, reportErrorCodes } from '../errors';
import { writeFilesAtomically, type FileToWrite } from '../lib/writeFilesAtomically';
import type { DriftReportData } from './DriftReportData';
import { renderDriftReport } from './renderDriftReport';
import { validateDriftReport } from './validateDriftReport';

/** Where {@link writeReport} puts the report: the HTML page, its JSON data, or both. */
export interface ReportPaths {
  html?: string;
  json?: string;
}

/** Sizes of what was written, in bytes (`undefined` for a file that was not asked for). */
export interface WrittenReport {
  htmlBytes?: number;
  jsonBytes?: number;
}

/**
 * Renders the drift report and writes the HTML and/or the JSON (the validated data, 2-space
 * indented) atomically. Nothing is written when the data is invalid; the CLI's seam.
 */
export async function writeReport(data: DriftReportData, paths: ReportPaths): Promise<WrittenReport> {
  if (!paths.html && !paths.json) {
    throw new ReportError(reportErrorCodes.invalidData, 'writeReport: expected a path for html or json, received neither', { path: 'paths', expected: 'html or json', received: 'neither', badInput: true });
  }
  const valid = validateDriftReport(data);
  const files: FileToWrite[] = [];
  const html = paths.html ? renderDriftReport(valid) : undefined;
  const json = paths.json ? `${JSON.stringify(valid, null, 2)}\n` : undefined;
  if (paths.html) files.push({ path: paths.html, content: html! });
  if (paths.json) files.push({ path: paths.json, content: json! });
  await writeFilesAtomically(files);
  return { htmlBytes: html === undefined ? undefined : Buffer.byteLength(html), jsonBytes: json === undefined ? undefined : Buffer.byteLength(json) };
}

/** Reads a report JSON file (as `writeReport` writes it) and validates it; errors name the file. */
export async function readDriftReport(file: string): Promise<DriftReportData> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ReportError(reportErrorCodes.io, `${file}: could not read the report data (${(error as NodeJS.ErrnoException).code ?? 'error'})`, { path: file, badInput: true, cause: error });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ReportError(reportErrorCodes.invalidData, `${file}: expected JSON, received text that does not parse (${(error as Error).message})`, { path: file, expected: 'JSON', badInput: true, cause: error });
  }
  return validateDriftReport(parsed, file);
}
