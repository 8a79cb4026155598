import { MlopsError, errorCodes } from '@mlops/core';
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
