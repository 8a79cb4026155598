/**
 * The content of a model card, independent of its format: built once (`buildModelCard`), then
 * rendered as Markdown or HTML, so both formats always say the same thing.
 */
export type CardBlock =
  | { kind: 'heading'; level: 2 | 3; text: string }
  | { kind: 'text'; text: string }
  /** Label/value pairs; a `null` value is shown as "not stated". */
  | { kind: 'fields'; rows: [label: string, value: string | null][] }
  | { kind: 'table'; head: string[]; rows: string[][] };

export interface CardContent {
  title: string;
  blocks: CardBlock[];
}

/** Shown for every field nobody filled in, so gaps stay visible. */
export const notStated = 'not stated';
