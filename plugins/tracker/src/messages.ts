/** Wording of the tracker's errors that are not their own class. */
export const trackerMessages = {
  runNotFound: (id: string) => `tracked run ${id} not found`,
  parentNotFound: (id: string, parentId: string) => `cannot start run ${id}: its parent run ${parentId} does not exist`,
  duplicateRun: (id: string) => `a tracked run with id ${id} already exists`,
  ambiguousPrefix: (prefix: string, total: number, candidates: string[]) =>
    `run id prefix "${prefix}" matches ${total} runs (${candidates.join(', ')}${total > candidates.length ? ', …' : ''}); give more characters`,
  badParam: (runId: string, key: string, reason: string) => `run ${runId}: param "${key}" cannot be recorded: ${reason}`,
  badMetric: (runId: string, index: number, reason: string) => `run ${runId}: metric point #${index}: ${reason}`,
  badStatus: (status: unknown) => `expected a final status (succeeded, failed, crashed or pruned), received ${JSON.stringify(status)}`,
  badField: (what: string, expected: string, received: unknown) => `${what}: expected ${expected}, received ${JSON.stringify(received)}`,
} as const;
