import { DriftError, invalidArgument } from '../errors/DriftError';
import { driftErrorCodes } from '../errors/codes';
import { columnSample, type ColumnSample } from '../select/columnSamples';
import type { ColumnSource } from '../select/datasetDrift';
import { CountsProfile, type CountsProfileJson } from './CountsProfile';
import { KllSketch } from './kllSketch';
import { NumericProfile, type NumericProfileJson } from './NumericProfile';

/** A column's profile: numeric (moments + sketch) or counts (bool/category). */
export type ColumnProfile = NumericProfile | CountsProfile;

/** Options of `DatasetProfile.create`. */
export interface ProfileOptions {
  /** KLL accuracy parameter (default 400: about 0.7% rank error). Profiles merge only with the same k. */
  readonly k?: number;
  /** Numeric columns keep exact value counts up to this many distinct values (default 32). */
  readonly maxDistinct?: number;
  /** Columns to profile (default: all). */
  readonly names?: readonly string[];
}

/** Plain-JSON form of a `DatasetProfile`, what gets stored with a model version or a window. */
export interface DatasetProfileJson {
  readonly version: 1;
  readonly rowCount: number;
  readonly columns: Readonly<Record<string, NumericProfileJson | CountsProfileJson>>;
}

/**
 * Mergeable per-column profiles of a dataset or a stream window. Build one per batch with `create`,
 * fold batches in with `add`, combine windows with `merge` (hourly → daily without rescanning rows),
 * store with `toJSON`/`fromJSON`, compare with `profileDrift`.
 */
export class DatasetProfile {
  rowCount = 0;
  readonly columns = new Map<string, ColumnProfile>();

  private constructor(
    readonly k: number,
    readonly maxDistinct: number,
  ) {}

  /** An empty profile with the given settings (columns appear as batches are added). */
  static empty(options: Omit<ProfileOptions, 'names'> = {}): DatasetProfile {
    return new DatasetProfile(options.k ?? 400, options.maxDistinct ?? 32);
  }

  /** The profile of one batch of columns (a Frame fits `ColumnSource`). */
  static create(source: ColumnSource, options: ProfileOptions = {}): DatasetProfile {
    return DatasetProfile.empty(options).add(source, options.names);
  }

  /** Adds a batch; its columns must keep the kind they had in earlier batches. */
  add(source: ColumnSource, names: readonly string[] = source.names): this {
    let rows: number | undefined;
    for (const name of names) {
      const column = source.column(name);
      if (rows !== undefined && column.length !== rows) throw invalidArgument(`columns.${name}`, `${rows} rows like the other columns`, `${column.length} rows`);
      rows = column.length;
      this.addSample(name, columnSample(column, `columns.${name}`, false));
    }
    this.rowCount += rows ?? 0;
    return this;
  }

  /** Adds one column's already extracted sample (numeric values or counts). */
  addSample(name: string, sample: ColumnSample): this {
    const existing = this.columns.get(name);
    if (sample.type === 'numeric') {
      const profile = existing ?? new NumericProfile(new KllSketch(this.k), this.maxDistinct);
      if (profile.kind !== 'numeric') throw kindMismatch(name, 'counts', 'numeric');
      profile.addValues(sample.sorted, sample.nulls);
      this.columns.set(name, profile);
    } else {
      const profile = existing ?? new CountsProfile();
      if (profile.kind !== 'counts') throw kindMismatch(name, 'numeric', 'counts');
      profile.addCounts(sample.counts, sample.nulls);
      this.columns.set(name, profile);
    }
    return this;
  }

  /** A new profile of both datasets together; neither input changes. */
  merge(other: DatasetProfile): DatasetProfile {
    if (other.k !== this.k) throw invalidArgument('other.k', `${this.k} (profiles merge only with the same sketch k)`, other.k);
    const out = DatasetProfile.fromJSON(this.toJSON());
    out.rowCount += other.rowCount;
    for (const [name, profile] of other.columns) {
      const mine = out.columns.get(name);
      if (mine === undefined) out.columns.set(name, profile.clone());
      else if (mine.kind === 'numeric' && profile.kind === 'numeric') mine.merge(profile);
      else if (mine.kind === 'counts' && profile.kind === 'counts') mine.merge(profile);
      else throw kindMismatch(name, mine.kind, profile.kind);
    }
    return out;
  }

  toJSON(): DatasetProfileJson {
    return { version: 1, rowCount: this.rowCount, columns: Object.fromEntries([...this.columns].map(([n, p]) => [n, p.toJSON()])) };
  }

  /** Rebuilds a stored profile, checking its shape; errors name the field (`columns.age.sketch.n`). */
  static fromJSON(json: DatasetProfileJson): DatasetProfile {
    if (json === null || typeof json !== 'object' || json.version !== 1) throw new DriftError(driftErrorCodes.invalidProfile, 'profile.version: expected 1, received ' + String(json?.version), { path: 'profile.version', expected: '1', received: String(json?.version), badInput: true });
    const entries = Object.entries(json.columns ?? {});
    const first = entries.find(([, c]) => c.kind === 'numeric')?.[1] as NumericProfileJson | undefined;
    const profile = new DatasetProfile(first?.sketch.k ?? 400, first?.maxDistinct ?? 32);
    profile.rowCount = json.rowCount;
    for (const [name, column] of entries) {
      if (column.kind === 'numeric') profile.columns.set(name, NumericProfile.fromJSON(column, `columns.${name}`));
      else if (column.kind === 'counts') profile.columns.set(name, CountsProfile.fromJSON(column, `columns.${name}`));
      else throw invalidArgument(`columns.${name}.kind`, '"numeric" or "counts"', (column as { kind: unknown }).kind);
    }
    return profile;
  }
}

function kindMismatch(name: string, had: string, got: string): DriftError {
  return new DriftError(driftErrorCodes.invalidProfile, `columns.${name}: expected a ${had} column as in earlier batches, received a ${got} column`, { path: `columns.${name}`, expected: `a ${had} column`, received: `a ${got} column`, badInput: true });
}
