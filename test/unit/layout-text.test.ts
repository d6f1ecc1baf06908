// The plain-text part of a notice (layout-text.ts). A layout's template is converted to text once, tags
// and all, and each notice renders that text (textPart); where that cannot stand for converting each
// notice's HTML, the HTML is converted per notice from a slimmer copy of the template (textTemplate: no
// presentation attributes, no <head>). These tests hold the slim copy to the exact text of the whole
// HTML, and the text a notice gets to the same words, in the same order, as the whole HTML converted
// (lines may wrap elsewhere): for the pre-registered layouts and for arbitrary layouts mixing elements,
// the attributes dropped and kept (quoted every way, holding Mustache tags or a '>'), sections across
// elements and cells, headings written in capitals, and heads with and without variables.
// Seed: REGUA_PROPERTY_SEED (printed).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import Mustache from 'mustache';
import { htmlText, textPart, textTemplate } from '../../main/services/layout-text';
import {
  loadDefaultLayouts,
  renderLayout,
  sampleContext,
  templateView,
  validateLayout,
  type TemplateContext,
} from '../../main/services/layouts';
import { assetsDir } from '../../main/services/paths';
import { propertyRuns, propertySeed } from '../support/br-arbitraries';

const seed = propertySeed('layout-text');
const RUNS = propertyRuns(300);

/** Contexts that switch the layouts' sections: overdue or not, with and without PIX and logo. */
function contexts(name: string): TemplateContext[] {
  const base = sampleContext('2026-03-10');
  const late = sampleContext('2026-03-20');
  return [
    { ...base, customer: { ...base.customer, name } },
    { ...late, customer: { ...late.customer, name }, invoice: { ...late.invoice, pixCode: null } },
    {
      ...base,
      company: { ...base.company!, logo: 'data:image/png;base64,AA==' },
      customer: { ...base.customer, name },
    },
  ];
}

// Lines may break elsewhere, and an element left empty may still separate the words around it.
const words = (text: string) => text.replace(/\s+/g, '');

/** The notice's text is its whole HTML's, spacing aside; the slim template converts to the same text. */
const sameText = (layout: { subject: string; html: string }, ctx: TemplateContext) => {
  const rendered = renderLayout(layout, ctx);
  const whole = htmlText(rendered.html) || rendered.subject;
  expect(words(rendered.text)).toBe(words(whole));
  expect(rendered.text).not.toMatch(/\n\n\n|[ \t]\n|[\uE000-\uE002]/);
  const slim = Mustache.render(textTemplate(layout.html), templateView(ctx));
  expect(htmlText(slim) || rendered.subject).toBe(whole);
};

const names = fc.constantFrom('Maria da Silva', 'José <b>Ç</b> & "Filhos"', "O'Neil > Ltda", '{{x}}', ' ');

describe('plain-text part', () => {
  it('is converted once for the pre-registered layouts, with the text of the whole HTML', () => {
    const layouts = loadDefaultLayouts(assetsDir());
    for (const layout of layouts) {
      expect(textTemplate(layout.html).length).toBeLessThan(layout.html.length / 2);
      expect(textPart(layout.html).converted).toBe(true);
      for (const ctx of contexts('Maria <Souza> & Cia')) {
        sameText(layout, ctx);
        // Values about as long as the catalogue's examples wrap where the whole HTML's text wraps.
        expect(renderLayout(layout, ctx).text).toBe(htmlText(renderLayout(layout, ctx).html));
      }
    }
    // Values go in as they are: no HTML escaping in the text.
    const rendered = renderLayout(layouts[0]!, contexts('Maria <Souza> & Cia')[0]!);
    expect(rendered.text).toContain('Maria <Souza> & Cia');
  });

  it('is converted per notice where a conversion once would not give the same words', () => {
    const layout = (html: string) => ({ subject: 'Fatura {{fatura.numero}}', html });
    const cases = [
      // a heading html-to-text writes in capitals: a value rendered later would not be
      '<h4>Olá, {{cliente.nome}}</h4><p>Fatura {{fatura.numero}}</p>',
      // a section across the cells of a data table, laid out in columns
      '<table class="resumo"><tr><td>{{#fatura.vencida}}Vencida<br>desde<br>{{fatura.vencimento}}</td>' +
        '<td>Valor<br>{{fatura.valor}}{{/fatura.vencida}}</td></tr></table><p>{{cliente.nome}}</p>',
      // a section opened in markup the conversion skips
      '<p class="preheader">{{#fatura.vencida}}</p><p>Vencida</p>{{/fatura.vencida}}',
      // other delimiters
      '{{=<% %>=}}<p><%cliente.nome%></p>',
    ];
    for (const html of cases) {
      expect(validateLayout(layout(html))).toEqual([]);
      expect(textPart(html).converted, html).toBe(false);
      for (const ctx of contexts('Maria da Silva')) sameText(layout(html), ctx);
    }
    // A name that is also another's parent (validation refuses it; the conversion still never throws).
    expect(textPart('<p>{{#fatura}}x{{/fatura}} {{fatura.numero}}</p>').converted).toBe(false);
  });

  it('keeps every Mustache tag and what the conversion reads', () => {
    const html =
      '<html><head><title>{{fatura.numero}}</title></head><body>' +
      '<td style="color:red" class="codigo" width=600 align=\'center\' data-x="a>b" ' +
      'bgcolor="{{#fatura.vencida}}#f00{{/fatura.vencida}}"><a href="mailto:{{empresa.email}}" role="link">x</a></td></body></html>';
    expect(textTemplate(html)).toBe(
      '<html><head><title>{{fatura.numero}}</title></head><body>' +
        '<td class="codigo" data-x="a>b" bgcolor="{{#fatura.vencida}}#f00{{/fatura.vencida}}">' +
        '<a href="mailto:{{empresa.email}}">x</a></td></body></html>',
    );
    // A head goes only when a body follows it and it holds no tag.
    expect(textTemplate('<head><title>T</title></head><body><p>a</p></body>')).toBe('<body><p>a</p></body>');
    expect(textTemplate('<head><title>T</title></head><p>a</p>')).toBe(
      '<head><title>T</title></head><p>a</p>',
    );
    // With other delimiters a tag is not recognisable here: the template stays whole, and renders the
    // text of the whole HTML even with a section opened in an attribute and closed after the element.
    const switched =
      '{{=<% %>=}}<table><tr><td style="<%#fatura.vencida%>color:red">Vencida</td><%/fatura.vencida%></tr></table><p width="1"><%cliente.nome%></p>';
    expect(textTemplate(switched)).toBe(switched);
    for (const ctx of contexts('Maria')) sameText({ subject: 'Fatura', html: switched }, ctx);
  });

  it('is the text of the whole HTML for arbitrary layouts', () => {
    const variable = fc.constantFrom(
      '{{cliente.nome}}',
      '{{fatura.valor}}',
      '{{fatura.pixCopiaECola}}',
      '{{fatura.linhaDigitavel}}',
      '{{empresa.nome}}',
    );
    const text = fc.oneof(
      variable,
      fc.constantFrom(
        'Olá, ',
        'Fatura',
        ' ',
        '\n  ',
        'R$ 1.234,56',
        'a &amp; b',
        '&nbsp;',
        'x > y',
        'palavra'.repeat(12),
      ),
    );
    const attribute = fc.constantFrom(
      ' style="color:red;padding:0 12px"',
      " style='margin:0'",
      ' style="{{#fatura.vencida}}color:red{{/fatura.vencida}}"',
      ' bgcolor="#ffffff"',
      ' width="600"',
      ' width=100%',
      ' height="1"',
      ' cellpadding="0" cellspacing="0" border="0"',
      ' align="center"',
      ' valign="top"',
      ' role="presentation"',
      ' class="codigo"',
      ' class="resumo"',
      ' class="preheader"',
      ' class="px"',
      ' href="https://pague.example/{{fatura.numero}}"',
      ' href="mailto:{{empresa.email}}"',
      ' href="https://regua.example/ajuda"',
      ' src="{{fatura.pixQrCode}}"',
      ' alt="QR Code"',
      ' colspan="2"',
      ' data-note="a > b"',
      ' hidden',
    );
    const tags = [
      'p',
      'div',
      'span',
      'b',
      'a',
      'h1',
      'h2',
      'h5',
      'table',
      'tr',
      'td',
      'th',
      'pre',
      'ul',
      'li',
    ];
    const { node } = fc.letrec<{ node: string }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        text,
        fc.constantFrom('<br>', '<br/>', '<img src="{{empresa.logo}}" width="120" alt="logo">', '<hr />'),
        fc
          .tuple(
            fc.constantFrom(...tags),
            fc.array(attribute, { maxLength: 4 }),
            fc.array(tie('node'), { maxLength: 4 }),
          )
          .map(
            ([tag, attributes, children]) => `<${tag}${attributes.join('')}>${children.join('')}</${tag}>`,
          ),
        fc
          .tuple(
            fc.constantFrom('fatura.vencida', 'fatura.pixCopiaECola', 'empresa.logo'),
            fc.boolean(),
            fc.array(tie('node'), { maxLength: 3 }),
          )
          .map(
            ([name, inverted, children]) =>
              `{{${inverted ? '^' : '#'}${name}}}${children.join('')}{{/${name}}}`,
          ),
      ),
    }));
    const head = fc.constantFrom(
      '',
      '<head><meta charset="utf-8"><title>Fatura</title><style>.x { color: red }</style></head>',
      '<head><title>Fatura {{fatura.numero}}</title></head>',
    );
    const layout = fc
      .tuple(head, fc.array(node, { maxLength: 6 }), fc.boolean())
      .map(([h, body, withBody]) => ({
        subject: 'Fatura {{fatura.numero}}',
        html: withBody
          ? `<!DOCTYPE html><html>${h}<body style="margin:0">${body.join('')}</body></html>`
          : `${h}${body.join('')}`,
      }));
    fc.assert(
      fc.property(layout, names, (l, name) => {
        expect(validateLayout(l)).toEqual([]);
        for (const ctx of contexts(name)) sameText(l, ctx);
      }),
      { numRuns: RUNS, seed },
    );
  });
});
