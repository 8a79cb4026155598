import type { ArtifactStore } from '@mlops/core';
import type { CardBlock } from './CardBlock';

/** The fields of a validator baseline (`{ dataset, datasetDigest, rowCount, columns }`) the card shows. */
interface BaselineColumn {
  kind?: string;
  dtype?: string;
  nullCount?: number;
  nullRate?: number;
  mean?: number | null;
  min?: number | null;
  max?: number | null;
  trueCount?: number;
  count?: number;
  frequencies?: { value: string; count: number }[];
  otherCount?: number;
}
interface Baseline {
  dataset?: string;
  datasetDigest?: string;
  rowCount?: number;
  columns?: Record<string, BaselineColumn>;
}

const num = (v: number | null | undefined) => (typeof v === 'number' ? String(Number(v.toPrecision(6))) : '–');
const time = (v: number | null | undefined) => (typeof v === 'number' ? new Date(v).toISOString() : '–');

/**
 * Reads the baseline JSON from the artifact store and summarises it: rows, then per column its type,
 * missing values, and mean/min/max (numbers), range (timestamps), true count (booleans) or top values.
 * A baseline that cannot be read is reported on the card instead of failing it.
 */
export async function summariseBaseline(artifacts: ArtifactStore, digest: string): Promise<CardBlock[]> {
  let baseline: Baseline;
  try {
    baseline = JSON.parse(new TextDecoder().decode(await artifacts.get(digest))) as Baseline;
    if (typeof baseline !== 'object' || baseline === null || typeof baseline.columns !== 'object') throw new Error('expected a validator baseline with "columns"');
  } catch (error) {
    return [{ kind: 'text', text: `Baseline ${digest} could not be read: ${error instanceof Error ? error.message : String(error)}` }];
  }
  const rows = Object.entries(baseline.columns ?? {}).map(([name, c]) => [name, c.dtype ?? c.kind ?? '?', missing(c), ...values(c)]);
  return [
    { kind: 'heading', level: 3, text: 'Baseline' },
    { kind: 'fields', rows: [['Dataset', baseline.dataset ?? null], ['Dataset digest', baseline.datasetDigest ?? null], ['Baseline artifact', digest], ['Rows', baseline.rowCount === undefined ? null : String(baseline.rowCount)]] },
    { kind: 'table', head: ['column', 'type', 'missing', 'mean', 'min', 'max', 'top values'], rows },
  ];
}

function missing(c: BaselineColumn): string {
  if (typeof c.nullCount !== 'number') return '–';
  return `${c.nullCount}${typeof c.nullRate === 'number' ? ` (${Number((c.nullRate * 100).toPrecision(3))}%)` : ''}`;
}

/** mean, min, max and top values, as the column kind allows. */
function values(c: BaselineColumn): [string, string, string, string] {
  switch (c.kind) {
    case 'numeric':
      return [num(c.mean), num(c.min), num(c.max), ''];
    case 'timestamp':
      return ['', time(c.min), time(c.max), ''];
    case 'bool':
      return ['', '', '', `true: ${c.trueCount ?? '?'} of ${c.count ?? '?'}`];
    case 'categorical': {
      const top = (c.frequencies ?? []).map((f) => `${f.value} (${f.count})`);
      if (c.otherCount) top.push(`other (${c.otherCount})`);
      return ['', '', '', top.join(', ')];
    }
    default:
      return ['', '', '', ''];
  }
}
