/**
 * Every check the validator runs, by the name used in reports and in `severity` maps.
 * Column checks: `type` … `outliers`, `pii`; dataset checks: the rest.
 */
export const checkNames = [
  'type',
  'missingColumn',
  'unexpectedColumn',
  'missing',
  'nullable',
  'range',
  'allowed',
  'unique',
  'outliers',
  'temporalOrder',
  'temporalGap',
  'temporalDuplicate',
  'futureTimestamp',
  'duplicateRows',
  'duplicateKeys',
  'pii',
] as const;

/** The name of one check. */
export type CheckName = (typeof checkNames)[number];
