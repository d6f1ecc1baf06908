// The visual layout editor's document, as TipTap extensions (no React here: the tests build the same
// schema in Node). Text blocks carry the exact tags they came from; raw pieces, conditions and
// variables are nodes; bold, italic, underline, links and other inline tags are marks that remember
// their original tag. A guard refuses any edit that would touch the e-mail's structure.
import { Extension, Mark, Node, getSchema, type AnyExtension } from '@tiptap/core';
import Link from '@tiptap/extension-link';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import type { Node as PmNode } from '@tiptap/pm/model';
import { UndoRedo } from '@tiptap/extensions';
import { conditionLabel, variableLabel } from './labels';

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    reguaMarks: {
      toggleBold: () => ReturnType;
      toggleItalic: () => ReturnType;
      toggleUnderline: () => ReturnType;
    };
  }
}

const attr = (value: unknown) => ({ default: value, rendered: false });

const TagAttributes = { open: attr(null), close: attr(null), tag: attr(null) };

function formattingMark(name: 'bold' | 'italic' | 'underline', tags: string[], key: string) {
  const command = `toggle${name[0]!.toUpperCase()}${name.slice(1)}` as const;
  return Mark.create({
    name,
    addAttributes: () => TagAttributes,
    parseHTML: () => tags.map((tag) => ({ tag })),
    renderHTML: () => [tags[0]!, 0],
    addCommands() {
      return {
        [command]:
          () =>
          ({ commands }: { commands: { toggleMark: (n: string) => boolean } }) =>
            commands.toggleMark(name),
      };
    },
    addKeyboardShortcuts() {
      return { [key]: () => this.editor.commands.toggleMark(name) };
    },
  });
}

export const Bold = formattingMark('bold', ['strong', 'b'], 'Mod-b');
export const Italic = formattingMark('italic', ['em', 'i'], 'Mod-i');
export const Underline = formattingMark('underline', ['u'], 'Mod-u');

/** Any other inline tag (a styled <span>, <small>…): kept as it was, shown as plain text. */
export const Span = Mark.create({
  name: 'span',
  excludes: '',
  addAttributes: () => TagAttributes,
  renderHTML: () => ['span', { class: 'regua-span' }, 0],
});

export const ReguaLink = Link.extend({
  addAttributes() {
    return { ...this.parent?.(), ...TagAttributes, openHref: attr(null) };
  },
}).configure({
  openOnClick: false,
  autolink: false,
  linkOnPaste: false,
  HTMLAttributes: { target: null, rel: null, class: null },
  // Links in a layout may be built from variables ("mailto:{{empresa.email}}").
  isAllowedUri: (url) => !/^\s*javascript:/i.test(url),
});

const visibleText = (html: string) =>
  html
    .replace(/<(head|style|script|title)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/^[\s\S]*<body\b[^>]*>/i, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<[^>]*>/g, '')
    .replace(/\{\{[^}]*\}\}/g, '')
    .trim();

/** A piece of the e-mail's structure (tables, styles): kept byte for byte, not editable here. */
export const RawHtml = Node.create({
  name: 'rawHtml',
  group: 'block',
  atom: true,
  selectable: false,
  draggable: false,
  addAttributes: () => ({ html: attr('') }),
  renderHTML({ node }) {
    const text = visibleText(String(node.attrs.html));
    return text
      ? [
          'div',
          { class: 'regua-raw', contenteditable: 'false' },
          `${text.slice(0, 120)} (edite no Código HTML)`,
        ]
      : ['div', { class: 'regua-raw-hidden', contenteditable: 'false' }];
  },
});

/** A paragraph, heading or cell of the e-mail, with the tags it came from. */
export const TextBlock = Node.create({
  name: 'textBlock',
  group: 'block',
  content: 'inline*',
  defining: true,
  addAttributes: () => ({
    open: attr('<p>'),
    close: attr('</p>'),
    tag: attr('p'),
    splittable: attr(true),
    role: attr(null),
    source: attr(null),
    sourceKey: attr(null),
  }),
  parseHTML: () => [{ tag: 'p' }],
  renderHTML({ node }) {
    const tag = String(node.attrs.tag || 'texto');
    return ['p', { class: `regua-block regua-block-${tag}`, 'data-role': node.attrs.role ?? undefined }, 0];
  },
  addKeyboardShortcuts() {
    return {
      // A cell or a heading cannot become two: Enter is a line break there.
      Enter: () => {
        const { $from } = this.editor.state.selection;
        if ($from.parent.type.name !== 'textBlock' || $from.parent.attrs.splittable) return false;
        return this.editor.commands.insertContent({ type: 'hardBreak' });
      },
      'Shift-Enter': () => this.editor.commands.insertContent({ type: 'hardBreak' }),
    };
  },
});

/** A part of the e-mail shown only when a condition holds ({{#name}}…{{/name}}), around blocks. */
export const ConditionBlock = Node.create({
  name: 'conditionBlock',
  group: 'block',
  content: 'block*',
  defining: true,
  isolating: true,
  addAttributes: () => ({ name: attr(''), inverted: attr(false), open: attr(null), close: attr(null) }),
  renderHTML: ({ node }) => [
    'div',
    {
      class: 'regua-condition',
      'data-label': conditionLabel(String(node.attrs.name), !!node.attrs.inverted),
    },
    0,
  ],
});

/** The same, inside a sentence ("Sua fatura {{^fatura.vencida}}vence hoje{{/fatura.vencida}}"). */
export const ConditionInline = Node.create({
  name: 'conditionInline',
  group: 'inline',
  inline: true,
  content: 'inline*',
  addAttributes: () => ({ name: attr(''), inverted: attr(false), open: attr(null), close: attr(null) }),
  renderHTML: ({ node }) => [
    'span',
    {
      class: 'regua-condition-inline',
      'data-label': conditionLabel(String(node.attrs.name), !!node.attrs.inverted),
    },
    0,
  ],
});

/** A variable from the catalogue, shown as a chip. */
export const Variable = Node.create({
  name: 'variable',
  group: 'inline',
  inline: true,
  atom: true,
  addAttributes: () => ({ name: attr(''), source: attr(null) }),
  parseHTML: () => [
    { tag: 'span[data-variable]', getAttrs: (el) => ({ name: (el as HTMLElement).dataset.variable ?? '' }) },
  ],
  renderHTML: ({ node }) => [
    'span',
    { 'data-variable': String(node.attrs.name), class: 'regua-variable' },
    variableLabel(String(node.attrs.name)),
  ],
  renderText: ({ node }) => `{{${String(node.attrs.name)}}}`,
});

export const HardBreak = Node.create({
  name: 'hardBreak',
  group: 'inline',
  inline: true,
  selectable: false,
  addAttributes: () => ({ source: attr(null) }),
  parseHTML: () => [{ tag: 'br' }],
  renderHTML: () => ['br'],
});

/** An image or comment inside a sentence: kept, shown as a marker. */
export const InlineRaw = Node.create({
  name: 'inlineRaw',
  group: 'inline',
  inline: true,
  atom: true,
  addAttributes: () => ({ html: attr('') }),
  renderHTML: ({ node }) => [
    'span',
    { class: 'regua-inline-raw' },
    String(node.attrs.html).startsWith('<img') ? '[imagem]' : '',
  ],
});

const Text = Node.create({ name: 'text', group: 'inline' });
const LayoutDocument = Node.create({ name: 'doc', topNode: true, content: 'block*' });
const SubjectDocument = Node.create({ name: 'doc', topNode: true, content: 'subjectLine' });
export const SubjectLine = Node.create({
  name: 'subjectLine',
  content: 'inline*',
  parseHTML: () => [{ tag: 'p' }],
  renderHTML: () => ['p', 0],
});

/** What may not change by typing: the raw pieces, the conditions, and the cells and headings. */
function structureOf(doc: PmNode): string {
  const parts: string[] = [];
  doc.descendants((node) => {
    if (node.type.name === 'rawHtml') parts.push(String(node.attrs.html));
    else if (node.type.name === 'conditionBlock') parts.push(`{{${String(node.attrs.name)}`);
    else if (node.type.name === 'textBlock' && !node.attrs.splittable) parts.push(String(node.attrs.open));
    return true;
  });
  return parts.join('\u0000');
}

export const STRUCTURE_META = 'reguaStructure';

export const StructureGuard = Extension.create({
  name: 'structureGuard',
  addProseMirrorPlugins: () => [
    new Plugin({
      key: new PluginKey('reguaStructureGuard'),
      filterTransaction: (tr, state) =>
        !tr.docChanged ||
        !!tr.getMeta(STRUCTURE_META) ||
        !!tr.getMeta('preventUpdate') ||
        structureOf(tr.doc) === structureOf(state.doc),
    }),
  ],
});

const INLINE_NODES = [Text, Variable, HardBreak, InlineRaw, ConditionInline];
const MARKS = [ReguaLink, Span, Bold, Italic, Underline];

export const layoutExtensions = (): AnyExtension[] => [
  LayoutDocument,
  RawHtml,
  TextBlock,
  ConditionBlock,
  ...INLINE_NODES,
  ...MARKS,
  UndoRedo,
  StructureGuard,
];

export const subjectExtensions = (): AnyExtension[] => [
  SubjectDocument,
  SubjectLine,
  Text,
  Variable,
  ConditionInline,
  UndoRedo,
];

/** The extensions with some replaced by their namesakes (the React views of the screen). */
export const replacing = (extensions: AnyExtension[], by: AnyExtension[]): AnyExtension[] =>
  extensions.map((e) => by.find((b) => b.name === e.name) ?? e);

export const layoutSchema = () => getSchema(layoutExtensions());
export const subjectSchema = () => getSchema(subjectExtensions());
