import type { DType } from '@mlops/frame';

/** A column at the chain's entry or exit: its name and dtype at fit time. */
export interface ChainColumn {
  readonly name: string;
  readonly dtype: DType;
}

/** The dtype family a serving frame must match: numbers are interchangeable (a CSV may infer int32). */
export function dtypeFamily(dtype: DType): 'numeric' | 'category' | 'timestamp' {
  return dtype === 'category' ? 'category' : dtype === 'timestamp' ? 'timestamp' : 'numeric';
}
