// The subject line with its variables as chips, one line like a text field. A subject the chips
// cannot show faithfully (say, a Mustache comment) is edited as plain text instead.
import { Input, TextInput } from '@mantine/core';
import { EditorContent, type Editor } from '@tiptap/react';
import { Extension } from '@tiptap/core';
import { useEffect, useMemo, type ReactNode } from 'react';
import { VIEWED_NODES } from './node-views';
import { replacing, subjectExtensions } from './schema';
import { useTemplateEditor } from './use-template-editor';
import './visual-editor.css';

/** One line: Enter does nothing (the form is saved with Ctrl+S or Salvar). */
const SingleLine = Extension.create({
  name: 'singleLine',
  addKeyboardShortcuts: () => ({ Enter: () => true, 'Shift-Enter': () => true }),
});

export function SubjectEditor(props: {
  value: string;
  onChange: (subject: string) => void;
  onFocus: () => void;
  onEditor: (editor: Editor | null) => void;
  error?: ReactNode;
  description?: ReactNode;
}) {
  const extensions = useMemo(() => [...replacing(subjectExtensions(), VIEWED_NODES), SingleLine], []);
  const { editor, supported } = useTemplateEditor({
    kind: 'subject',
    value: props.value,
    onChange: props.onChange,
    extensions,
    attributes: { 'aria-label': 'Assunto', role: 'textbox', 'aria-multiline': 'false' },
    onFocus: props.onFocus,
  });
  const { onEditor } = props;
  useEffect(() => onEditor(supported ? editor : null), [editor, supported, onEditor]);

  if (!supported)
    return (
      <TextInput
        label="Assunto"
        withAsterisk
        description={props.description}
        error={props.error}
        value={props.value}
        onChange={(e) => props.onChange(e.currentTarget.value)}
        onFocus={props.onFocus}
      />
    );
  return (
    <Input.Wrapper label="Assunto" withAsterisk description={props.description} error={props.error}>
      <div className="regua-subject" data-error={props.error ? '' : undefined}>
        <EditorContent editor={editor} />
      </div>
    </Input.Wrapper>
  );
}
