import { ReportError, reportErrorCodes } from '../errors';
import { writeFilesAtomically } from '../lib/writeFilesAtomically';
import type { StudyReportData } from './StudyReportData';
import { renderStudyReport } from './renderStudyReport';

/**
 * Writes the study report's HTML page and/or its JSON data (compact: trials are long columns)
 * atomically, as `writeReport` does for the drift report. Returns the sizes in bytes.
 */
export async function writeStudyReport(data: StudyReportData, paths: { html?: string; json?: string }): Promise<{ htmlBytes?: number; jsonBytes?: number }> {
  if (!paths.html && !paths.json) {
    throw new ReportError(reportErrorCodes.invalidData, 'writeStudyReport: expected a path for html or json, received neither', { path: 'paths', expected: 'html or json', received: 'neither', badInput: true });
  }
  const html = paths.html ? renderStudyReport(data) : undefined;
  const json = paths.json ? `${JSON.stringify(data)}\n` : undefined;
  await writeFilesAtomically([...(paths.html ? [{ path: paths.html, content: html! }] : []), ...(paths.json ? [{ path: paths.json, content: json! }] : [])]);
  return { htmlBytes: html === undefined ? undefined : Buffer.byteLength(html), jsonBytes: json === undefined ? undefined : Buffer.byteLength(json) };
}
