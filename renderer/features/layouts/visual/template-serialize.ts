// The visual editor's document back to the layout's HTML (or subject). Raw pieces and untouched blocks
// come back byte for byte; an edited block is rebuilt from its own opening and closing tags, its
// formatting, its variables ({{fatura.valor}}) and conditions ({{^fatura.vencida}}…{{/fatura.vencida}}).
import type { Json } from './template-model';
import { encodeText } from './template-tokens';

type Mark = NonNullable<Json['marks']>[number];

const DEFAULT_TAG: Record<string, string> = { bold: 'strong', italic: 'em', underline: 'u', span: 'span' };

const escapeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

function openTag(mark: Mark): string {
  const attrs = mark.attrs ?? {};
  if (mark.type === 'link') {
    const href = String(attrs.href ?? '');
    const target = (attrs.target as string | null) ?? null;
    const original = attrs.open as string | undefined;
    if (
      original &&
      href === attrs.openHref &&
      (target ?? null) === (/\starget\s*=\s*"([^"]*)"/i.exec(original)?.[1] ?? null)
    )
      return original;
    // A changed address keeps the link's other attributes (its style).
    const rest = (original ?? '<a>')
      .replace(/\s(href|target|rel)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi, '')
      .replace(/^<a/i, '')
      .replace(/\/?>$/, '');
    const targetAttr = target ? ` target="${escapeAttribute(target)}" rel="noopener noreferrer"` : '';
    return `<a href="${escapeAttribute(href)}"${targetAttr}${rest}>`;
  }
  return (attrs.open as string | undefined) ?? `<${DEFAULT_TAG[mark.type] ?? 'span'}>`;
}

function closeTag(mark: Mark): string {
  const attrs = mark.attrs ?? {};
  if (mark.type === 'link') return (attrs.close as string | undefined) ?? '</a>';
  return (attrs.close as string | undefined) ?? `</${DEFAULT_TAG[mark.type] ?? 'span'}>`;
}

const sameMark = (a: Mark, b: Mark) =>
  a.type === b.type && JSON.stringify(a.attrs ?? {}) === JSON.stringify(b.attrs ?? {});

function sectionTags(node: Json): [string, string] {
  const attrs = node.attrs ?? {};
  const name = String(attrs.name);
  return [
    (attrs.open as string | undefined) ?? `{{${attrs.inverted ? '^' : '#'}${name}}}`,
    (attrs.close as string | undefined) ?? `{{/${name}}}`,
  ];
}

/** Inline content as HTML (`plain`: as a subject line, no tags and no escaping). */
export function serializeInline(nodes: readonly Json[], plain = false): string {
  let out = '';
  const open: Mark[] = [];
  for (const node of nodes) {
    const wanted = plain ? [] : (node.marks ?? []);
    let keep = 0;
    while (keep < open.length && keep < wanted.length && sameMark(open[keep]!, wanted[keep]!)) keep++;
    while (open.length > keep) out += closeTag(open.pop()!);
    for (const mark of wanted.slice(keep)) {
      out += openTag(mark);
      open.push(mark);
    }
    const attrs = node.attrs ?? {};
    switch (node.type) {
      case 'text':
        out += plain ? node.text! : encodeText(node.text!);
        break;
      case 'variable':
        out += (attrs.source as string | null) ?? `{{${String(attrs.name)}}}`;
        break;
      case 'hardBreak':
        out += plain ? ' ' : ((attrs.source as string | null) ?? '<br />');
        break;
      case 'inlineRaw':
        out += plain ? '' : String(attrs.html);
        break;
      case 'conditionInline': {
        const [start, end] = sectionTags(node);
        out += start + serializeInline(node.content ?? [], plain) + end;
        break;
      }
    }
  }
  while (open.length) out += closeTag(open.pop()!);
  return out;
}

function serializeBlock(node: Json): string {
  const attrs = node.attrs ?? {};
  switch (node.type) {
    case 'rawHtml':
      return String(attrs.html);
    case 'conditionBlock': {
      const [start, end] = sectionTags(node);
      return start + (node.content ?? []).map(serializeBlock).join('') + end;
    }
    case 'textBlock': {
      const inner = serializeInline(node.content ?? []);
      // Untouched: the exact source, whatever spelling of entities or tags it had.
      const body = attrs.sourceKey !== null && inner === attrs.sourceKey ? String(attrs.source) : inner;
      return `${String(attrs.open ?? '')}${body}${String(attrs.close ?? '')}`;
    }
    default:
      return '';
  }
}

export function serializeLayoutHtml(doc: Json): string {
  return (doc.content ?? []).map(serializeBlock).join('');
}

export function serializeSubject(doc: Json): string {
  return (doc.content ?? []).map((line) => serializeInline(line.content ?? [], true)).join(' ');
}

/**
 * Stamps every text block with the serialization of its content as loaded (`sourceKey`), after the
 * editor's schema has normalized it: a block whose content still serializes to that key is written
 * back from its original source, byte for byte.
 */
export function withSourceKeys(doc: Json, normalize: (block: Json) => Json = (b) => b): Json {
  const stamp = (node: Json): Json => {
    if (node.type === 'textBlock') {
      const normalized = normalize(node);
      return {
        ...normalized,
        attrs: { ...normalized.attrs, sourceKey: serializeInline(normalized.content ?? []) },
      };
    }
    return node.content ? { ...node, content: node.content.map(stamp) } : node;
  };
  return stamp(doc);
}
