// Loading a template into an editor of the visual kind, and telling when it cannot be: the document
// must come back byte for byte through the editor's schema, or the layout is edited as HTML only.
import type { Editor } from '@tiptap/core';
import type { Schema } from '@tiptap/pm/model';
import { parseLayoutHtml, parseSubject, type Json } from './template-model';
import { STRUCTURE_META } from './schema';
import { serializeLayoutHtml, serializeSubject, withSourceKeys } from './template-serialize';

export type TemplateKind = 'html' | 'subject';

const parse = { html: parseLayoutHtml, subject: parseSubject };
export const serialize = { html: serializeLayoutHtml, subject: serializeSubject };

/** The editor's document for `template`, or null when the visual editor cannot show it faithfully. */
export function loadTemplate(kind: TemplateKind, template: string, schema: Schema): Json | null {
  try {
    const doc = withSourceKeys(schema.nodeFromJSON(parse[kind](template)).toJSON() as Json);
    return serialize[kind](doc) === template ? doc : null;
  } catch {
    return null;
  }
}

/** Replaces the editor's whole document (an edit in the HTML tab, Restaurar padrão): not undoable. */
export function replaceDocument(editor: Editor, doc: Json): void {
  const node = editor.schema.nodeFromJSON(doc);
  const { tr } = editor.state;
  tr.replaceWith(0, tr.doc.content.size, node.content)
    .setMeta(STRUCTURE_META, true)
    .setMeta('addToHistory', false)
    .setMeta('preventUpdate', true);
  editor.view.dispatch(tr);
}
