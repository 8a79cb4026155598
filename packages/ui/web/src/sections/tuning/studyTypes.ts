/** `GET /api/studies/:name`: the study report's columns (index i is the i-th trial by number). */
export interface StudyView {
  study: { name: string; directions: ('minimize' | 'maximize')[] };
  counts: { complete: number; pruned: number; fail: number; running: number; waiting: number };
  best?: { number: number; value: number; params: Record<string, number | string | boolean | null> };
  params: { name: string; kind: 'numeric' | 'categorical'; log: boolean; min: number; max: number; choices?: (string | number | boolean | null)[] }[];
  trials: {
    number: number[];
    state: string[];
    values: (number | null)[][];
    params: (number | null)[][];
    bestSoFar: (number | null)[];
  };
  curves: { total: number };
  paretoFront?: number[];
}

/** `GET /api/studies`. */
export interface StudySummary {
  name: string;
  directions: ('minimize' | 'maximize')[];
  counts: Record<'waiting' | 'running' | 'complete' | 'pruned' | 'fail', number>;
  bestValue?: number;
}

export interface Importances {
  method: string;
  trials: number;
  trees: number;
  values: { name: string; importance: number }[];
}
