import type { DType } from '../column/Column';
import { NullTokens } from '../text/NullTokens';
import { PROBLEM_NONE } from './CsvScanner';
import { CsvTypeSampler } from './inferCsvTypes';
import { decodeHeader } from './decodeHeader';
import type { ResolvedCsvOptions } from './ReadCsvOptions';
import { RECORD_OK, RECORD_STOP, scanCsvFile } from './scanCsvFile';

/** What the first rows of a file tell us before the real read. */
export interface CsvSample {
  /** Header names, or undefined for an empty file. */
  readonly names: readonly string[] | undefined;
  /** Inferred dtype per column (schema columns are overridden by the caller). */
  readonly inferred: readonly DType[];
  /** Average bytes per data row in the sample (0 if the sample had none). */
  readonly bytesPerRow: number;
}

const sampleBytes = 8 << 20;

/** Reads the header and up to `inferRows` rows (at most 8 MiB) to infer dtypes and row size. */
export async function sampleCsv(path: string, options: ResolvedCsvOptions): Promise<CsvSample> {
  let names: string[] | undefined;
  let sampler: CsvTypeSampler | undefined;
  let rows = 0;
  const scanOptions = { delimiter: options.delimiter, chunkSize: 1 << 20, maxBytes: sampleBytes };
  const summary = await scanCsvFile(path, scanOptions, (buf, scanner) => {
    if (names === undefined) {
      names = decodeHeader(buf, scanner);
      sampler = new CsvTypeSampler(names.map((n) => new NullTokens(options.schema.get(n)?.nullTokens ?? options.nullTokens)));
      return RECORD_OK;
    }
    // Malformed rows say nothing reliable about types; the real read reports them.
    if (scanner.problem === PROBLEM_NONE && scanner.fieldCount === names.length) {
      sampler!.add(buf, scanner);
      rows++;
    }
    return rows >= options.inferRows ? RECORD_STOP : RECORD_OK;
  });
  return {
    names,
    inferred: sampler?.result() ?? [],
    // The header is counted as a row here; that slightly overestimates rows, which is the safe side.
    bytesPerRow: rows > 0 ? summary.offset / (rows + 1) : 0,
  };
}
