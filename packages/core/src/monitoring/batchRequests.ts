/**
 * How batch inference names what it logs: each committed chunk is one request
 * `batch:<jobId>:<firstRow>`, its rows the chunk's rows. Ground truth for a batch row is given
 * against the job, `batch:<jobId>` with `row` = the row's position in the job's input (what
 * `mlops predict` writes as `row` without `--id-column`), and the monitor joins it to the chunk
 * holding that row. The format lives here because the producer (serving) and the reader (the
 * monitor) are separate packages.
 */
export function batchRequestId(jobId: string, firstRow: number): string {
  return `${batchJobRequestId(jobId)}:${firstRow}`;
}

/** The request id that labels of a whole batch job use. */
export function batchJobRequestId(jobId: string): string {
  return `batch:${jobId}`;
}

const chunkPattern = /^(batch:[^:]+):(\d+)$/;

/** The job's request id and the chunk's first row, for a batch chunk's request id; else undefined. */
export function batchChunkOf(requestId: string): { job: string; firstRow: number } | undefined {
  // A window holds up to millions of served requests: most are told apart without the pattern.
  if (!requestId.startsWith('batch:')) return undefined;
  const m = chunkPattern.exec(requestId);
  return m ? { job: m[1]!, firstRow: Number(m[2]) } : undefined;
}
