/** The parsed form of a `searchRuns` filter. `pos` is the 0-based offset in the source text. */
export type FilterExpr = FilterLogical | FilterComparison;

export interface FilterLogical {
  kind: 'and' | 'or';
  left: FilterExpr;
  right: FilterExpr;
  pos: number;
}

export type ComparisonOp = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'like';

export interface FilterComparison {
  kind: 'compare';
  field: FieldRef;
  op: ComparisonOp;
  opPos: number;
  value: FilterLiteral;
  pos: number;
}

/** `metrics.rocAuc`, `params.train.maxDepth`, `tags.team`, or a run field such as `status`. */
export interface FieldRef {
  scope: 'metrics' | 'params' | 'tags' | 'run';
  key: string;
  pos: number;
}

export type FilterLiteral =
  | { kind: 'number'; value: number; pos: number }
  | { kind: 'string'; value: string; pos: number }
  | { kind: 'boolean'; value: boolean; pos: number };
