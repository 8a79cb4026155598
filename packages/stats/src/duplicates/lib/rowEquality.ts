import type { Column } from '@mlops/frame';
import { canonicalCodes } from './canonicalCodes';

/** Whether rows `i` and `j` are equal. */
export type RowEquality = (i: number, j: number) => boolean;

/**
 * Exact row equality over `columns` with pandas' `duplicated` semantics: NaN equals NaN (so float
 * nulls equal each other), -0 equals 0, null equals null but no value, categories compare by
 * string. Only called to confirm hash matches, so closures are fine here.
 */
export function rowEquality(columns: readonly Column[]): RowEquality {
  const tests = columns.map(columnEquality);
  return (i, j) => {
    for (let c = 0; c < tests.length; c++) if (!tests[c](i, j)) return false;
    return true;
  };
}

function columnEquality(column: Column): RowEquality {
  switch (column.dtype) {
    case 'float64':
    case 'timestamp': {
      const d = column.data;
      return (i, j) => d[i] === d[j] || (d[i] !== d[i] && d[j] !== d[j]);
    }
    case 'int32':
    case 'bool': {
      const { data: d, nulls } = column;
      if (nulls === undefined) return (i, j) => d[i] === d[j];
      return (i, j) => nulls[i] === nulls[j] && (nulls[i] === 1 || d[i] === d[j]);
    }
    case 'category': {
      const codes = canonicalCodes(column);
      return (i, j) => codes[i] === codes[j];
    }
  }
}
