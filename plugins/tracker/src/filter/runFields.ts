/** The run's own fields usable in `filter` and `orderBy`, with their column and type. */
export const runFields = {
  id: { column: 'id', type: 'string' },
  experiment: { column: 'experiment', type: 'string' },
  name: { column: 'name', type: 'string' },
  status: { column: 'status', type: 'string' },
  parentId: { column: 'parent_id', type: 'string' },
  pipelineRunId: { column: 'pipeline_run_id', type: 'string' },
  startedAt: { column: 'started_at', type: 'number' },
  endedAt: { column: 'ended_at', type: 'number' },
} as const satisfies Record<string, { column: string; type: 'string' | 'number' }>;

export type RunFieldName = keyof typeof runFields;

export const runFieldNames = Object.keys(runFields) as RunFieldName[];

export function isRunField(name: string): name is RunFieldName {
  return Object.prototype.hasOwnProperty.call(runFields, name);
}
