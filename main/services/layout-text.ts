// The plain-text part of a notice. A layout's HTML template is converted to text once, Mustache tags
// and all, and each notice renders that text template (textPart): converting every notice's HTML cost
// more than its PDF on a cold run. Where that conversion cannot stand for the per-notice one, each
// notice's HTML is converted, from a slim copy of the template (textTemplate) with a third of the markup.
import { compile } from 'html-to-text';
import Mustache from 'mustache';
import { TEMPLATE_VARIABLES } from '../../shared/template-variables';

const htmlToText = compile({
  wordwrap: 78,
  selectors: [
    { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
    ...['h1', 'h2', 'h3'].map((selector) => ({
      selector,
      options: { uppercase: false, leadingLineBreaks: 2, trailingLineBreaks: 2 },
    })),
    // Layout tables put blocks side by side in cells; in plain text each cell is its own block.
    { selector: 'td', format: 'block' },
    { selector: 'th', format: 'block' },
    { selector: 'img', format: 'skip' },
    {
      selector: 'table.resumo',
      format: 'dataTable',
      options: { uppercaseHeaderCells: false, colSpacing: 3, maxColumnWidth: 50 },
    },
    { selector: '.preheader', format: 'skip' },
    // Codes (PIX, linha digitável) are copied by hand: never wrapped.
    { selector: '.codigo', format: 'pre', options: { leadingLineBreaks: 1, trailingLineBreaks: 1 } },
  ],
});

/** Text without trailing blanks on its lines and without runs of blank lines. */
export const tidyText = (text: string) =>
  text
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();

/** The plain-text version of an e-mail's HTML. */
export const htmlText = (html: string) => tidyText(htmlToText(html));

/** Attributes no selector or formatter of the plain-text conversion reads: presentation only. */
const PRESENTATION_ATTRIBUTES = new Set([
  'style',
  'bgcolor',
  'width',
  'height',
  'cellpadding',
  'cellspacing',
  'border',
  'align',
  'valign',
  'role',
]);
const START_TAG =
  /<([a-zA-Z][\w:-]*)((?:\s+[^\s=>/"'{}]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`{}]+))?)*)(\s*\/?)>/g;
const ATTRIBUTE = /\s+([^\s=>/"'{}]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`{}]+))?/g;
const HEAD = /<head[\s>][\s\S]*?<\/head\s*>/i;

/**
 * The layout's HTML template as the plain-text conversion needs it: without the presentation
 * attributes and, when there is a <body>, without the <head> (html-to-text starts at the body). The
 * text comes out the same (a property test holds it so) from a third of the markup, which is most of
 * what the conversion costs. Mustache tags are never touched: an attribute or a head holding one stays,
 * and a template that switches delimiters is left as it is.
 */
export function textTemplate(html: string): string {
  // Tags written with other delimiters ({{=<% %>=}}) would not be seen here: left whole.
  if (html.includes('{{=')) return html;
  const head = HEAD.exec(html);
  const bodyOnly =
    head && !head[0].includes('{{') && /<body[\s>]/i.test(html) ? html.replace(HEAD, '') : html;
  return bodyOnly.replace(START_TAG, (tag, name: string, attributes: string, end: string) => {
    const kept = attributes.replace(ATTRIBUTE, (attribute, attributeName: string) =>
      PRESENTATION_ATTRIBUTES.has(attributeName.toLowerCase()) && !attribute.includes('{{') ? '' : attribute,
    );
    return kept === attributes ? tag : `<${name}${kept}${end}>`;
  });
}

/** A layout's plain text: a Mustache template of the text itself, or of HTML to convert per notice. */
export interface TextPart {
  template: string;
  /** true: the template is text, rendered without HTML escaping; false: HTML, converted per notice. */
  converted: boolean;
}

// Each Mustache tag stands in the HTML as private-use characters while it is converted, so that lines
// wrap about where they would with values there: a variable as a word as long as its example value
// (else as the tag), a section tag, which prints nothing, as one character of its own.
const OPEN = '\uE000';
const CLOSE = '\uE001';
const PAD = '\uE002';
const FIRST_SECTION = 0xe100;
const LAST_SECTION = 0xf8ff;
// Written after each section tag of the converted text and taken out of what it renders: Mustache drops
// a line holding nothing but a section tag, with its line break, which may be the break the HTML asked for.
const KEEP = '\uE003';
const TAG = /\{\{[\s\S]*?\}\}/g;
const STAND_IN = /\uE000(\d+)\uE001\uE002*|[\uE100-\uF8FF]/g;
const PRIVATE_USE = /[\uE000-\uF8FF]/;
const SECTION_KINDS = new Set(['#', '^', '/']);
/** What a tag holds between its braces, trimmed: `#fatura.vencida`, `cliente.nome`, `! nota`. */
const inside = (tag: string) => tag.slice(2, -2).trim();
const isSection = (tag: string) => SECTION_KINDS.has(inside(tag)[0] ?? '');
const LINK_WITH_SECTION = /<a\b[^>]*>(?:(?!<\/a\s*>)[\s\S])*?\{\{\s*[#^/]/i;
// The sections switched, and the variables left blank, one at a time when checking a conversion (see
// checked): at most this many of each.
const CHECKED = 32;
const EXAMPLE_LENGTH = new Map(TEMPLATE_VARIABLES.map((v) => [v.name, v.example.length]));

/**
 * The plain text of a layout's HTML template (`html`), as a template: converted once when that stands
 * for converting each notice's HTML (see checked), else the slim HTML to convert per notice.
 */
export function textPart(html: string): TextPart {
  const slim = textTemplate(html);
  const converted = convertTemplate(slim);
  return converted !== null && checked(slim, converted)
    ? { template: converted, converted: true }
    : { template: slim, converted: false };
}

/**
 * The text of the slim template with its Mustache tags where the conversion put them, or null when
 * the conversion did not keep every section tag in order (one inside skipped markup, say).
 */
function convertTemplate(slim: string): string | null {
  // Other delimiters hide the tags; the private-use characters would be taken for stand-ins.
  if (slim.includes('{{=') || PRIVATE_USE.test(slim)) return null;
  // A link shows its address after its text, or alone when the text is empty: a section in a link's
  // text decides which for each notice.
  if (LINK_WITH_SECTION.test(slim)) return null;
  const variables: string[] = [];
  const ids = new Map<string, number>();
  const sections: string[] = [];
  const protectedHtml = slim.replace(TAG, (tag) => {
    if (isSection(tag)) return String.fromCharCode(FIRST_SECTION + sections.push(tag) - 1);
    // The same variable gets the same stand-in: a link whose text is its address still reads as one.
    let id = ids.get(tag);
    if (id === undefined) ids.set(tag, (id = variables.push(tag) - 1));
    const width = EXAMPLE_LENGTH.get(inside(tag)) ?? tag.length;
    return `${OPEN}${id}${CLOSE}`.padEnd(width, PAD);
  });
  if (FIRST_SECTION + sections.length > LAST_SECTION) return null;
  const seen: number[] = [];
  const text = htmlToText(protectedHtml).replace(STAND_IN, (standIn, id: string | undefined) => {
    if (id !== undefined) return variables[Number(id)] ?? standIn;
    const n = standIn.charCodeAt(0) - FIRST_SECTION;
    seen.push(n);
    return `${sections[n] ?? standIn}${KEEP}`;
  });
  return seen.every((n, i) => n === i) &&
    seen.length === sections.length &&
    !PRIVATE_USE.test(text.replaceAll(KEEP, ''))
    ? text
    : null;
}

/**
 * Whether the converted template renders the text the per-notice conversion finds (line breaks and
 * spacing aside) with every section on, every section off, each section switched alone, every variable
 * blank and each variable blank alone: a section across cells of a data table, a variable in a heading
 * written in capitals or alone in a block would not.
 */
function checked(slim: string, converted: string): boolean {
  const names = new Map<string, boolean>(); // name → used as a section
  for (const tag of slim.match(TAG) ?? []) {
    const inner = inside(tag);
    const section = isSection(tag);
    if (inner[0] === '!') continue;
    const name = (section ? inner.slice(1) : inner).trim();
    if (name !== '.') names.set(name, (names.get(name) ?? false) || section);
  }
  const sections = [...names].filter(([, section]) => section).map(([name]) => name);
  const variables = [...names].filter(([, section]) => !section).map(([name]) => name);
  const view = (on: (name: string) => boolean, blank: (name: string) => boolean = () => false) => {
    const root: Record<string, unknown> = {};
    [...names.keys()].forEach((name, i) => {
      const path = name.split('.');
      let node = root;
      for (const key of path.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
      const section = names.get(name)!;
      node[path.at(-1)!] = section ? (on(name) ? `valor${i}` : '') : blank(name) ? '' : `valor${i}`;
    });
    return root;
  };
  const words = (text: string) => text.replace(/\s+/g, '');
  // Whatever goes wrong here (a name that is also another's parent, a template that will not render)
  // leaves the layout to the per-notice conversion.
  try {
    const views = [
      view(() => true),
      view(() => false),
      ...sections.slice(0, CHECKED).map((flipped) => view((name) => name !== flipped)),
      // Blank values: an element left empty takes no line of its own; a link with nothing in its text
      // shows its address in place of the text.
      view(
        () => true,
        () => true,
      ),
      ...variables.slice(0, CHECKED).map((blank) =>
        view(
          () => true,
          (name) => name === blank,
        ),
      ),
    ];
    return views.every(
      (v) =>
        words(convertedText(Mustache.render(converted, v, {}, noEscape))) ===
        words(htmlText(Mustache.render(slim, v))),
    );
  } catch {
    return false;
  }
}

/** What a converted text template rendered (with noEscape) reads as. */
export const convertedText = (rendered: string) => tidyText(rendered.replaceAll(KEEP, ''));

/** Renders the text template: values as they are, no HTML escaping. */
export const noEscape = { escape: (value: unknown) => String(value) };
