// The e-mail's body, edited as formatted text (Mantine's TipTap editor): bold, italic, underline,
// links, undo; variables as chips; conditions as labelled boxes, and a menu to show a piece of text
// only in some cases. The e-mail's layout around the text (tables, colours) is kept as it was.
import { Menu } from '@mantine/core';
import { RichTextEditor, type RichTextEditorLabels } from '@mantine/tiptap';
import { IconFilter } from '@tabler/icons-react';
import type { Editor } from '@tiptap/core';
import { useEffect, useMemo } from 'react';
import { conditionLabel, OFFERED_CONDITIONS } from './labels';
import { VIEWED_NODES } from './node-views';
import { layoutExtensions, replacing } from './schema';
import { useTemplateEditor } from './use-template-editor';
import './visual-editor.css';

export const EDITOR_LABELS: Partial<RichTextEditorLabels> = {
  boldControlLabel: 'Negrito',
  italicControlLabel: 'Itálico',
  underlineControlLabel: 'Sublinhado',
  linkControlLabel: 'Link',
  unlinkControlLabel: 'Tirar o link',
  undoControlLabel: 'Desfazer',
  redoControlLabel: 'Refazer',
  linkEditorInputLabel: 'Endereço do link',
  linkEditorInputPlaceholder: 'https://… ou mailto:…',
  linkEditorExternalLink: 'Abrir em nova aba',
  linkEditorInternalLink: 'Abrir na mesma aba',
  linkEditorSave: 'Aplicar link',
};

/** Wraps the selected words (or a new "texto" placeholder) in a condition. */
function wrapInCondition(editor: Editor, name: string, inverted: boolean) {
  const { state } = editor;
  const { from, to, $from, $to } = state.selection;
  if (!$from.sameParent($to) || !$from.parent.inlineContent) return;
  const type = state.schema.nodes.conditionInline!;
  const content = from === to ? state.schema.text('texto') : state.doc.slice(from, to).content;
  editor.view.dispatch(state.tr.replaceWith(from, to, type.create({ name, inverted }, content)));
  editor.commands.focus();
}

export function BodyEditor(props: {
  value: string;
  onChange: (html: string) => void;
  onFocus: () => void;
  /** The editor, once made: the variable catalogue inserts chips through it. */
  onEditor: (editor: Editor | null) => void;
  onSupported: (supported: boolean) => void;
}) {
  const extensions = useMemo(() => replacing(layoutExtensions(), VIEWED_NODES), []);
  const { editor, supported } = useTemplateEditor({
    kind: 'html',
    value: props.value,
    onChange: props.onChange,
    extensions,
    attributes: { 'aria-label': 'Corpo do e-mail', role: 'textbox', 'aria-multiline': 'true' },
    onFocus: props.onFocus,
  });
  const { onEditor, onSupported } = props;
  useEffect(() => onEditor(editor), [editor, onEditor]);
  useEffect(() => onSupported(supported), [supported, onSupported]);

  return (
    <RichTextEditor editor={editor} labels={EDITOR_LABELS} className="regua-visual">
      <RichTextEditor.Toolbar sticky stickyOffset={60}>
        <RichTextEditor.ControlsGroup>
          <RichTextEditor.Bold />
          <RichTextEditor.Italic />
          <RichTextEditor.Underline />
        </RichTextEditor.ControlsGroup>
        <RichTextEditor.ControlsGroup>
          <RichTextEditor.Link />
          <RichTextEditor.Unlink />
        </RichTextEditor.ControlsGroup>
        <RichTextEditor.ControlsGroup>
          <Menu position="bottom-start" withinPortal>
            <Menu.Target>
              <RichTextEditor.Control
                aria-label="Mostrar o texto selecionado só em um caso"
                title="Mostrar o texto selecionado só em um caso"
              >
                <IconFilter size={16} stroke={1.5} />
              </RichTextEditor.Control>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Label>Mostrar o texto selecionado só…</Menu.Label>
              {OFFERED_CONDITIONS.map((c) => {
                const label = conditionLabel(c.name, c.inverted);
                return (
                  <Menu.Item
                    key={`${c.name}${c.inverted}`}
                    onClick={() => editor && wrapInCondition(editor, c.name, c.inverted)}
                  >
                    {label.charAt(0).toLowerCase() + label.slice(1)}
                  </Menu.Item>
                );
              })}
            </Menu.Dropdown>
          </Menu>
        </RichTextEditor.ControlsGroup>
        <RichTextEditor.ControlsGroup>
          <RichTextEditor.Undo />
          <RichTextEditor.Redo />
        </RichTextEditor.ControlsGroup>
      </RichTextEditor.Toolbar>
      <RichTextEditor.Content />
    </RichTextEditor>
  );
}
