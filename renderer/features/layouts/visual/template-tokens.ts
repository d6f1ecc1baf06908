// A layout's HTML cut into HTML tags, Mustache tags and text, each with its exact source, so the
// visual editor can rebuild the template byte for byte around what the clerk changes. Pure.

export type Token =
  | { kind: 'text'; src: string }
  | { kind: 'open'; src: string; name: string; selfClosing: boolean }
  | { kind: 'close'; src: string; name: string }
  /** An HTML comment or doctype, or the content of <style>, <script>, <title>, <textarea>. */
  | { kind: 'opaque'; src: string }
  /** {{name}}; raw for {{{name}}} and {{& name}} (refused at save). */
  | { kind: 'var'; src: string; name: string; raw: boolean }
  | { kind: 'section'; src: string; name: string; inverted: boolean }
  | { kind: 'end'; src: string; name: string };

/** Something the visual editor does not represent: the layout is edited as HTML only. */
export class UnsupportedTemplate extends Error {}

export const VOID_TAGS = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
]);
const RAW_TEXT_TAGS = new Set(['script', 'style', 'title', 'textarea']);

function mustache(template: string, at: number): Token {
  const triple = template.startsWith('{{{', at);
  const close = template.indexOf(triple ? '}}}' : '}}', at + (triple ? 3 : 2));
  if (close < 0) throw new UnsupportedTemplate('tag {{ sem fechamento');
  const end = close + (triple ? 3 : 2);
  const src = template.slice(at, end);
  const inner = template.slice(at + (triple ? 3 : 2), close).trim();
  if (triple) return { kind: 'var', src, name: inner, raw: true };
  const sigil = inner.charAt(0);
  const name = inner.slice(1).trim();
  switch (sigil) {
    case '#':
    case '^':
      return { kind: 'section', src, name, inverted: sigil === '^' };
    case '/':
      return { kind: 'end', src, name };
    case '&':
      return { kind: 'var', src, name, raw: true };
    case '!':
    case '>':
    case '=':
      throw new UnsupportedTemplate(`tag {{${sigil}…}}`);
    default:
      return { kind: 'var', src, name: inner, raw: false };
  }
}

/** The end of an HTML tag starting at `at` (after its ">"), quotes respected. */
function tagEnd(template: string, at: number): number {
  let quote: string | null = null;
  for (let i = at + 1; i < template.length; i++) {
    const c = template[i]!;
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return i + 1;
  }
  throw new UnsupportedTemplate('tag HTML sem ">"');
}

/** Cuts `template` into tokens; with `html` false only Mustache tags are recognised (a subject line). */
export function tokenize(template: string, html = true): Token[] {
  const tokens: Token[] = [];
  let text = '';
  const flush = () => {
    if (text) tokens.push({ kind: 'text', src: text });
    text = '';
  };
  let i = 0;
  while (i < template.length) {
    if (template.startsWith('{{', i)) {
      flush();
      const token = mustache(template, i);
      tokens.push(token);
      i += token.src.length;
      continue;
    }
    if (html && template[i] === '<') {
      if (template.startsWith('<!--', i)) {
        const end = template.indexOf('-->', i + 4);
        if (end < 0) throw new UnsupportedTemplate('comentário HTML sem fechamento');
        flush();
        tokens.push({ kind: 'opaque', src: template.slice(i, end + 3) });
        i = end + 3;
        continue;
      }
      const rest = template.slice(i, i + 32);
      const open = /^<([a-zA-Z][\w:-]*)/.exec(rest);
      const close = /^<\/([a-zA-Z][\w:-]*)\s*>/.exec(rest);
      if (/^<![a-zA-Z]/.test(rest)) {
        flush();
        const end = tagEnd(template, i);
        tokens.push({ kind: 'opaque', src: template.slice(i, end) });
        i = end;
        continue;
      }
      if (close) {
        flush();
        const end = template.indexOf('>', i) + 1;
        tokens.push({ kind: 'close', src: template.slice(i, end), name: close[1]!.toLowerCase() });
        i = end;
        continue;
      }
      if (open) {
        flush();
        const end = tagEnd(template, i);
        const src = template.slice(i, end);
        const name = open[1]!.toLowerCase();
        if (src.includes('{{#') || src.includes('{{^') || src.includes('{{/'))
          throw new UnsupportedTemplate('seção Mustache dentro de uma tag HTML');
        tokens.push({ kind: 'open', src, name, selfClosing: src.endsWith('/>') || VOID_TAGS.has(name) });
        i = end;
        if (RAW_TEXT_TAGS.has(name)) {
          const closing = template.toLowerCase().indexOf(`</${name}`, i);
          if (closing < 0) throw new UnsupportedTemplate(`<${name}> sem fechamento`);
          const content = template.slice(i, closing);
          if (/\{\{\s*[#^/]/.test(content))
            throw new UnsupportedTemplate(`seção Mustache dentro de <${name}>`);
          if (content) tokens.push({ kind: 'opaque', src: content });
          i = closing;
        }
        continue;
      }
    }
    text += template[i];
    i++;
  }
  flush();
  return tokens;
}

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};

/** HTML text as the clerk reads it: &amp; → &, &nbsp; → a no-break space, &#233; → é. */
export function decodeText(src: string): string {
  return src.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : Number(ref.slice(1));
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : whole;
    }
    return NAMED[ref.toLowerCase()] ?? whole;
  });
}

/** Text typed by the clerk, as HTML: &, < and > escaped, a no-break space as &nbsp;. */
export function encodeText(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\u00a0/g, '&nbsp;');
}

/** The value of an attribute in an opening tag's source, or null. */
export function attributeOf(src: string, attribute: string): string | null {
  const match = new RegExp(`\\s${attribute}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(src);
  return match ? (match[2] ?? match[3] ?? match[4] ?? '') : null;
}
