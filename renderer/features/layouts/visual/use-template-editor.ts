// A TipTap editor bound to a template string (the layout's HTML or its subject): it loads the string,
// writes each edit back as a string, and reloads when the string changes elsewhere (the HTML tab,
// Restaurar padrão). `supported` turns false when the template cannot be shown faithfully.
import type { AnyExtension, Editor } from '@tiptap/core';
import { useEditor } from '@tiptap/react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { getSchema } from '@tiptap/core';
import { loadTemplate, replaceDocument, serialize, type TemplateKind } from './document';
import type { Json } from './template-model';

export function useTemplateEditor(props: {
  kind: TemplateKind;
  value: string;
  onChange: (value: string) => void;
  extensions: AnyExtension[];
  /** For the editable area: its accessible name and any other attribute. */
  attributes: Record<string, string>;
  onFocus?: () => void;
}): { editor: Editor | null; supported: boolean } {
  const schema = useMemo(() => getSchema(props.extensions), [props.extensions]);
  // The template as this editor last wrote or loaded it: a different value came from elsewhere.
  const last = useRef(props.value);
  const [initial] = useState(() => loadTemplate(props.kind, props.value, schema));
  const [supported, setSupported] = useState(initial !== null);
  const onChange = useRef(props.onChange);
  onChange.current = props.onChange;
  const onFocus = useRef(props.onFocus);
  onFocus.current = props.onFocus;

  const editor = useEditor({
    extensions: props.extensions,
    content: (initial ?? { type: 'doc', content: [] }) as Json,
    editable: initial !== null,
    immediatelyRender: true,
    shouldRerenderOnTransaction: true,
    editorProps: { attributes: { ...props.attributes, spellcheck: 'true', lang: 'pt-BR' } },
    onUpdate: ({ editor: e }) => {
      const next = serialize[props.kind](e.getJSON() as Json);
      last.current = next;
      onChange.current(next);
    },
    onFocus: () => onFocus.current?.(),
  });

  useEffect(() => {
    if (!editor || props.value === last.current) return;
    last.current = props.value;
    const doc = loadTemplate(props.kind, props.value, schema);
    setSupported(doc !== null);
    if (doc) replaceDocument(editor, doc);
    // Without an update: the editor must not write its old content back over the new value.
    if (editor.isEditable !== (doc !== null)) editor.setEditable(doc !== null, false);
  }, [editor, props.value, props.kind, schema]);

  return { editor, supported };
}
