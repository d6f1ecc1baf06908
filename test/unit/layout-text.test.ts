// The plain-text part of a notice is converted from a slimmer copy of the layout's template
// (layout-text.ts textTemplate: no presentation attributes, no <head>). These tests hold that text to what
// the conversion makes of the whole rendered HTML: for the pre-registered layouts and for arbitrary
// layouts mixing elements, the attributes dropped and kept (quoted every way, holding Mustache tags or
// a '>'), sections across elements and heads with and without variables.
// Seed: REGUA_PROPERTY_SEED (printed).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { htmlText, textTemplate } from '../../main/services/layout-text';
import {
  loadDefaultLayouts,
  renderLayout,
  sampleContext,
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

const sameText = (layout: { subject: string; html: string }, ctx: TemplateContext) => {
  const rendered = renderLayout(layout, ctx);
  expect(rendered.text).toBe(htmlText(rendered.html) || rendered.subject);
};

const names = fc.constantFrom('Maria da Silva', 'José <b>Ç</b> & "Filhos"', "O'Neil > Ltda", '{{x}}', ' ');

describe('plain-text part from the slim template', () => {
  it('is the text of the whole HTML for the pre-registered layouts', () => {
    const layouts = loadDefaultLayouts(assetsDir());
    for (const layout of layouts) {
      expect(textTemplate(layout.html).length).toBeLessThan(layout.html.length / 2);
      for (const ctx of contexts('Maria <Souza> & Cia')) sameText(layout, ctx);
    }
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
    const tags = ['p', 'div', 'span', 'b', 'a', 'h1', 'h2', 'table', 'tr', 'td', 'th', 'pre', 'ul', 'li'];
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
