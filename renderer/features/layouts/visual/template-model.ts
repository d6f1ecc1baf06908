// A layout's HTML as the visual editor's document and back. The text the clerk reads (paragraphs,
// headings, cells) becomes editable blocks with their formatting, variables as chips and Mustache
// sections as condition blocks ("Se a fatura já venceu: …"); everything else — the e-mail's tables,
// styles, head — stays as untouchable raw pieces. Serializing gives back the same bytes for whatever
// was not edited, so a layout round-trips without changing what it sends. Pure (ProseMirror JSON).
import { decodeText, tokenize, UnsupportedTemplate, type Token } from './template-tokens';

export { UnsupportedTemplate };

export interface Json {
  type: string;
  attrs?: Record<string, unknown>;
  content?: Json[];
  marks?: { type: string; attrs?: Record<string, unknown> }[];
  text?: string;
}

/** Elements whose content, when it is only text, variables and inline tags, is an editable block. */
const BLOCKS = new Set([
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'div',
  'td',
  'th',
  'li',
  'dt',
  'dd',
  'blockquote',
  'figcaption',
  'caption',
  'center',
]);
/** Inline elements kept as formatting (marks) inside a block. */
const INLINE = new Set([
  'a',
  'abbr',
  'b',
  'big',
  'cite',
  'code',
  'em',
  'font',
  'i',
  'mark',
  'q',
  's',
  'small',
  'span',
  'strike',
  'strong',
  'sub',
  'sup',
  'u',
  'time',
  'label',
]);
/** Elements a paragraph can be split in two at (Enter); a cell or a heading takes a line break instead. */
const SPLITTABLE = new Set(['p', 'li', 'div', 'blockquote']);

const MARK_OF: Record<string, string> = {
  strong: 'bold',
  b: 'bold',
  em: 'italic',
  i: 'italic',
  u: 'underline',
  a: 'link',
};

type Mark = NonNullable<Json['marks']>[number];

function markFor(token: Extract<Token, { kind: 'open' }>): Mark {
  const type = MARK_OF[token.name] ?? 'span';
  const attrs: Record<string, unknown> = { tag: token.name, open: token.src, close: `</${token.name}>` };
  if (type === 'link') {
    const href = /\shref\s*=\s*("([^"]*)"|'([^']*)')/i.exec(token.src);
    attrs.href = decodeText(href?.[2] ?? href?.[3] ?? '');
    attrs.openHref = attrs.href;
    const target = /\starget\s*=\s*"([^"]*)"/i.exec(token.src);
    attrs.target = target?.[1] ?? null;
  }
  return { type, attrs };
}

/** The index of the token that ends the section opened at `at` (same name, nesting counted). */
function sectionEnd(tokens: readonly Token[], at: number, limit: number): number {
  const open = tokens[at] as Extract<Token, { kind: 'section' }>;
  let depth = 0;
  for (let i = at + 1; i < limit; i++) {
    const t = tokens[i]!;
    if (t.kind === 'section' && t.name === open.name) depth++;
    if (t.kind === 'end' && t.name === open.name) {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

/** The index of the tag that closes the element opened at `at`, or -1. */
function elementEnd(tokens: readonly Token[], at: number): number {
  const open = tokens[at] as Extract<Token, { kind: 'open' }>;
  let depth = 0;
  for (let i = at + 1; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'open' && t.name === open.name && !t.selfClosing) depth++;
    if (t.kind === 'close' && t.name === open.name) {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

/**
 * Tokens [from, to) as inline content; throws when they are not (a block tag, unbalanced tags).
 * `plain`: text is not HTML (a subject line), so no entity is decoded.
 */
function parseInline(tokens: readonly Token[], from: number, to: number, plain = false): Json[] {
  const out: Json[] = [];
  const stack: { name: string; mark: Mark }[] = [];
  const marks = () => (stack.length ? { marks: stack.map((s) => s.mark) } : {});
  for (let i = from; i < to; i++) {
    const t = tokens[i]!;
    switch (t.kind) {
      case 'text': {
        const text = plain ? t.src : decodeText(t.src);
        if (text) out.push({ type: 'text', text, ...marks() });
        break;
      }
      case 'var':
        out.push({ type: 'variable', attrs: { name: t.name, source: t.src }, ...marks() });
        break;
      case 'section': {
        const end = sectionEnd(tokens, i, to);
        if (end < 0) throw new UnsupportedTemplate('seção cruza outra estrutura');
        out.push({
          type: 'conditionInline',
          attrs: { name: t.name, inverted: t.inverted, open: t.src, close: tokens[end]!.src },
          content: parseInline(tokens, i + 1, end, plain),
          ...marks(),
        });
        i = end;
        break;
      }
      case 'end':
        throw new UnsupportedTemplate('fim de seção sem início');
      case 'open':
        if (t.name === 'br') out.push({ type: 'hardBreak', attrs: { source: t.src }, ...marks() });
        else if (t.selfClosing) out.push({ type: 'inlineRaw', attrs: { html: t.src }, ...marks() });
        else if (INLINE.has(t.name)) stack.push({ name: t.name, mark: markFor(t) });
        else throw new UnsupportedTemplate(`<${t.name}> não é texto`);
        break;
      case 'close': {
        const top = stack.pop();
        if (!top || top.name !== t.name) throw new UnsupportedTemplate('tags cruzadas');
        top.mark.attrs!.close = t.src;
        break;
      }
      case 'opaque':
        if (!t.src.startsWith('<!--')) throw new UnsupportedTemplate('conteúdo especial');
        out.push({ type: 'inlineRaw', attrs: { html: t.src }, ...marks() });
    }
  }
  if (stack.length) throw new UnsupportedTemplate('tag sem fechamento');
  return out;
}

/** Whether inline content shows something to the reader (not only spaces and tags). */
const hasContent = (content: readonly Json[]): boolean =>
  content.some((n) =>
    n.type === 'text'
      ? n.text!.trim() !== ''
      : n.type === 'conditionInline'
        ? hasContent(n.content ?? [])
        : n.type !== 'inlineRaw' && n.type !== 'hardBreak',
  );

const startsInline = (t: Token) =>
  (t.kind === 'text' && t.src.trim() !== '') ||
  t.kind === 'var' ||
  t.kind === 'section' ||
  (t.kind === 'open' && (INLINE.has(t.name) || t.name === 'br'));

/** The end of the longest run of inline tokens from `at`, trailing spaces left out. */
function inlineRunEnd(tokens: readonly Token[], at: number): number {
  let end = at;
  let i = at;
  const depth: string[] = [];
  while (i < tokens.length) {
    const t = tokens[i]!;
    if (t.kind === 'section') {
      const close = sectionEnd(tokens, i, tokens.length);
      if (close < 0) break;
      try {
        parseInline(tokens, i + 1, close);
      } catch {
        break;
      }
      i = close + 1;
    } else if (t.kind === 'text' || t.kind === 'var') i++;
    else if (t.kind === 'open' && (INLINE.has(t.name) || t.selfClosing) && !BLOCKS.has(t.name)) {
      if (!t.selfClosing) depth.push(t.name);
      i++;
    } else if (t.kind === 'close' && depth.at(-1) === t.name) {
      depth.pop();
      i++;
    } else break;
    if (depth.length === 0 && !(tokens[i - 1]!.kind === 'text' && tokens[i - 1]!.src.trim() === '')) end = i;
  }
  return end;
}

const textBlock = (open: string, close: string, tag: string, content: Json[], role: string | null): Json => ({
  type: 'textBlock',
  attrs: { open, close, tag, splittable: SPLITTABLE.has(tag), role, source: null, sourceKey: null },
  content,
});

function roleOf(open: string): string | null {
  return /class\s*=\s*"[^"]*\bpreheader\b/i.test(open) || /display\s*:\s*none/i.test(open)
    ? 'preheader'
    : null;
}

function parseBlocks(tokens: readonly Token[], from: number, to: number): Json[] {
  const blocks: Json[] = [];
  let raw = '';
  const flush = () => {
    if (raw) blocks.push({ type: 'rawHtml', attrs: { html: raw } });
    raw = '';
  };
  let i = from;
  while (i < to) {
    const t = tokens[i]!;
    if (t.kind === 'open' && BLOCKS.has(t.name) && !t.selfClosing) {
      const end = elementEnd(tokens, i);
      let content: Json[] | null = null;
      if (end > i && end < to)
        try {
          content = parseInline(tokens, i + 1, end);
        } catch {
          content = null;
        }
      if (content && hasContent(content)) {
        flush();
        const inner = tokens
          .slice(i + 1, end)
          .map((x) => x.src)
          .join('');
        const block = textBlock(t.src, tokens[end]!.src, t.name, content, roleOf(t.src));
        block.attrs!.source = inner;
        blocks.push(block);
        i = end + 1;
        continue;
      }
    }
    if (startsInline(t)) {
      const end = Math.min(inlineRunEnd(tokens, i), to);
      if (end > i) {
        const content = parseInline(tokens, i, end);
        if (hasContent(content)) {
          flush();
          const block = textBlock('', '', '', content, null);
          block.attrs!.source = tokens
            .slice(i, end)
            .map((x) => x.src)
            .join('');
          blocks.push(block);
          i = end;
          continue;
        }
      }
    }
    if (t.kind === 'section') {
      const end = sectionEnd(tokens, i, to);
      if (end < 0) throw new UnsupportedTemplate('seção sem fim');
      flush();
      blocks.push({
        type: 'conditionBlock',
        attrs: { name: t.name, inverted: t.inverted, open: t.src, close: tokens[end]!.src },
        content: parseBlocks(tokens, i + 1, end),
      });
      i = end + 1;
      continue;
    }
    if (t.kind === 'end') throw new UnsupportedTemplate('fim de seção sem início');
    raw += t.src;
    i++;
  }
  flush();
  return blocks;
}

/**
 * The layout's HTML as the editor's document. Before <body> everything is raw. Throws
 * UnsupportedTemplate when the HTML uses what the editor does not show (the HTML tab then).
 */
export function parseLayoutHtml(html: string): Json {
  const tokens = tokenize(html);
  const body = tokens.findIndex((t) => t.kind === 'open' && t.name === 'body');
  const head = body < 0 ? [] : tokens.slice(0, body + 1);
  if (head.some((t) => t.kind === 'section' || t.kind === 'end'))
    throw new UnsupportedTemplate('seção Mustache no cabeçalho');
  const rawHead = head.map((t) => t.src).join('');
  const content = parseBlocks(tokens, body + 1, tokens.length);
  if (rawHead) content.unshift({ type: 'rawHtml', attrs: { html: rawHead } });
  return { type: 'doc', content };
}

/** A subject line as the editor's document: text, variables and conditions, no HTML. */
export function parseSubject(subject: string): Json {
  const tokens = tokenize(subject, false);
  const content = parseInline(tokens, 0, tokens.length, true);
  return { type: 'doc', content: [{ type: 'subjectLine', content }] };
}
