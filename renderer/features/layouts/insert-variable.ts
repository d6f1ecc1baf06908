// Where a clicked variable goes: at the caret (or over the selection) of the field being edited.

export type TemplateField = 'subject' | 'html';

export interface Insertion {
  value: string;
  /** Where the caret goes after the inserted tag. */
  caret: number;
}

export function insertAtCaret(
  value: string,
  start: number | null,
  end: number | null,
  text: string,
): Insertion {
  const from = clamp(start ?? value.length, value.length);
  const to = Math.max(from, clamp(end ?? from, value.length));
  return { value: value.slice(0, from) + text + value.slice(to), caret: from + text.length };
}

const clamp = (n: number, max: number) => Math.min(Math.max(0, n), max);

export const variableTag = (name: string) => `{{${name}}}`;
