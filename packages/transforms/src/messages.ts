const q = (s: string): string => JSON.stringify(s);
const list = (names: readonly string[]): string => (names.length ? names.map(q).join(', ') : '(none)');

/** All user-facing wording of this package, in one place. */
export const messages = {
  columnMissing: (column: string, existing: readonly string[]) =>
    `column ${q(column)} is not in the frame; it has ${list(existing)}`,
  wrongDType: (column: string, dtype: string, expected: string) => `column ${q(column)} is ${dtype}; expected ${expected}`,
  noValues: (column: string, what: string) => `column ${q(column)} has no non-missing values to compute the ${what} from`,
  unknownCategory: (column: string, value: string, row: number, known: readonly string[]) =>
    `column ${q(column)}: unknown category ${q(value)} at row ${row} (fitted categories: ${list(known.slice(0, 10))}` +
    `${known.length > 10 ? `, … ${known.length - 10} more` : ''}); fit with handleUnknown: 'ignore' to encode unknowns as zeros`,
  unknownCategoryOrdinal: (column: string, value: string, row: number) =>
    `column ${q(column)}: unknown category ${q(value)} at row ${row}; fit with unknownValue (e.g. -1) to encode unknowns`,
  nameClash: (name: string, column: string) =>
    `output column ${q(name)} (from column ${q(column)}) clashes with a column already in the frame`,
  noOnnx: (name: string) =>
    `user transform ${q(name)} has no ONNX export; give userTransform an \`onnx\` function, or serve the model without ONNX`,
  notData: (path: string, what: string) => `${path} is ${what}, which is not plain JSON data (null, boolean, finite number, string, array, object)`,
  unknownKind: (kind: unknown, known: readonly string[]) =>
    `unknown transform kind ${typeof kind === 'string' ? q(kind) : String(kind)}; known kinds: ${list(known)}`,
  unknownVersion: (kind: string, version: unknown, supported: number) =>
    `${q(kind)} data has version ${String(version)}; this build reads version ${supported} (written by a newer @mlops/transforms?)`,
  badField: (field: string, expected: string, value: unknown) =>
    `field ${q(field)}: expected ${expected}, received ${describe(value)}`,
  userNotRegistered: (name: string, registered: readonly string[]) =>
    `user transform ${q(name)} is not registered; pass it to the loader as options.userTransforms (registered: ${list(registered)})`,
};

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
