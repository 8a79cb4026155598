import { MlopsError, errorCodes, loneSurrogateAt } from '@mlops/core';
import type { IncompatibleFeatureChange } from '@mlops/core';

/** A definition (entity, source, view, on-demand feature, service) is invalid; names the object and field. */
export class FeatureDefinitionError extends MlopsError {
  constructor(
    readonly objectName: string,
    message: string,
  ) {
    super(errorCodes.config, message, { badInput: true });
  }
}

/** `apply` found changes that would break consumers (a type change, a removed feature still used). */
export class IncompatibleChangeError extends MlopsError {
  constructor(readonly changes: IncompatibleFeatureChange[]) {
    super(errorCodes.usage, `feature store: refusing incompatible changes (apply with --force to store them anyway):\n${changes.map((c) => `  ${c.name}: ${c.reason}`).join('\n')}`, { badInput: true });
  }
  override toJSON() {
    return { ...super.toJSON(), changes: this.changes };
  }
}

/** Bad input to a feature store call (unknown service, missing column, wrong type). */
export class FeatureStoreUsageError extends MlopsError {
  constructor(message: string) {
    super(errorCodes.usage, message, { badInput: true });
  }
}

/**
 * An entity key value the stores cannot encode: a string with a lone UTF-16 surrogate has no UTF-8
 * form (it used to throw a URIError from the key encoding, a 502 in the server). Bad input, not a fault.
 */
export class EntityKeyError extends MlopsError {
  constructor(
    /** The join key (`patient_id`) or `entityKey` for an encoded key given to an online store. */
    readonly field: string,
    expected: string,
    received: string,
  ) {
    super(errorCodes.usage, `entity key ${field}: expected ${expected}, received ${received}`, { path: field, expected, received, badInput: true });
  }
}

/** Throws {@link EntityKeyError} unless `value` is a well-formed string (encodable as UTF-8). */
export function checkKeyText(field: string, value: string): void {
  const at = loneSurrogateAt(value);
  if (at >= 0) throw new EntityKeyError(field, 'a well-formed string', `a lone UTF-16 surrogate at index ${at}`);
}

/** The stream of a view could not be opened (server unreachable, stream or group not creatable). */
export class StreamConnectionError extends MlopsError {
  constructor(
    readonly view: string,
    readonly where: string,
    cause: unknown,
  ) {
    super('E_STREAM', `ingest "${view}": could not open ${where}: ${(cause as Error)?.message ?? String(cause)}`, { cause });
  }
}
