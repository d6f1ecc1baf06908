// The plain-text part of a notice: html-to-text over the rendered HTML, and the slim copy of a layout's
// template it is rendered from (textTemplate), the same text from a third of the markup.
import { compile } from 'html-to-text';

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

/** The plain-text version of an e-mail's HTML. */
export const htmlText = (html: string) => htmlToText(html).trim();

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
