// The visual layout editor's model: every pre-registered layout, and ones edited before, goes through
// the editor's document (the real TipTap schema) and comes back byte for byte; an edited sentence
// changes only its own block; what the editor cannot show is refused so the HTML tab is used instead.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  parseLayoutHtml,
  parseSubject,
  UnsupportedTemplate,
  type Json,
} from '../../renderer/features/layouts/visual/template-model';
import {
  serializeInline,
  serializeLayoutHtml,
  serializeSubject,
  withSourceKeys,
} from '../../renderer/features/layouts/visual/template-serialize';
import { layoutSchema, subjectSchema } from '../../renderer/features/layouts/visual/schema';
import { renderLayout, sampleContext } from '../../main/services/layouts';

const DIR = join(process.cwd(), 'assets', 'layouts');
const INDEX = JSON.parse(readFileSync(join(DIR, 'index.json'), 'utf8')) as {
  id: string;
  name: string;
  subject: string;
  file: string;
}[];
const LAYOUTS = INDEX.map((l) => ({ ...l, html: readFileSync(join(DIR, l.file), 'utf8') }));

const schema = layoutSchema();
/** Through the editor's schema, as the editor holds it. */
const load = (html: string): Json =>
  withSourceKeys(schema.nodeFromJSON(parseLayoutHtml(html)).toJSON() as Json);
const blocks = (doc: Json): Json[] =>
  (doc.content ?? []).flatMap((n) => (n.type === 'textBlock' ? [n] : blocks(n)));

describe('visual editor round trip', () => {
  it.each(LAYOUTS.map((l) => [l.id, l] as const))('%s comes back byte for byte', (_id, layout) => {
    const doc = load(layout.html);
    expect(serializeLayoutHtml(doc)).toBe(layout.html);
    // Its text is editable, not hidden in raw HTML: headings, paragraphs and the boxes of codes.
    expect(blocks(doc).length).toBeGreaterThan(10);
  });

  it.each(LAYOUTS.map((l) => [l.id, l] as const))(
    '%s: every block rebuilt from the document alone equals its source (edits keep the rest)',
    (_id, layout) => {
      for (const block of blocks(load(layout.html)))
        expect(serializeInline(block.content ?? [])).toBe(block.attrs!.source);
    },
  );

  it.each(LAYOUTS.map((l) => [l.id, l] as const))(
    '%s: its subject comes back byte for byte',
    (_id, layout) => {
      const doc = subjectSchema().nodeFromJSON(parseSubject(layout.subject)).toJSON() as Json;
      expect(serializeSubject(doc)).toBe(layout.subject);
    },
  );

  it('shows the conditions as blocks and inside sentences, with the variables as chips', () => {
    const onDue = LAYOUTS.find((l) => l.id === 'boleto-no-vencimento')!;
    const text = JSON.stringify(load(onDue.html));
    expect(text).toContain('"type":"conditionInline","attrs":{"name":"fatura.vencida","inverted":true');
    expect(text).toContain(
      '"type":"conditionBlock","attrs":{"name":"fatura.linhaDigitavel","inverted":false',
    );
    expect(text).toContain('"type":"variable","attrs":{"name":"fatura.valor"');
  });

  it('a layout written by hand without <body>, as the old editor made them, round-trips too', () => {
    const html = [
      '<p>Olá, {{cliente.nome}}!</p>',
      '<p>Sua fatura <strong>{{fatura.numero}}</strong> vence em {{fatura.vencimento}} &amp; custa {{fatura.valor}}.</p>',
      '{{#fatura.linhaDigitavel}}<p>Linha digitável: {{fatura.linhaDigitavel}}</p>{{/fatura.linhaDigitavel}}',
      'Atenciosamente,<br>{{empresa.nome}}',
    ].join('\n');
    expect(serializeLayoutHtml(load(html))).toBe(html);
  });
});

describe('an edit in the visual editor', () => {
  it('changes only the edited sentence and a chip becomes {{fatura.valor}} in what is sent', () => {
    const layout = LAYOUTS.find((l) => l.id === 'boleto-apos-vencimento')!;
    const doc = load(layout.html);
    const paragraph = blocks(doc).find((b) => JSON.stringify(b).includes('não identificamos o pagamento'))!;
    paragraph.content = [
      { type: 'text', text: 'Sua fatura de ' },
      { type: 'variable', attrs: { name: 'fatura.valor', source: null } },
      { type: 'text', text: ' está em aberto desde ' },
      { type: 'variable', attrs: { name: 'fatura.vencimento', source: null } },
      { type: 'text', text: '. Pague hoje & evite o bloqueio.' },
    ];
    const html = serializeLayoutHtml(doc);
    const before = layout.html.split('\n');
    const after = html.split('\n');
    expect(after).toHaveLength(before.length);
    const changed = after.filter((line, i) => line !== before[i]);
    expect(changed).toEqual([
      '              <p style="margin:0 0 8px 0;">Sua fatura de {{fatura.valor}} está em aberto desde {{fatura.vencimento}}. Pague hoje &amp; evite o bloqueio.</p>',
    ]);
    const rendered = renderLayout({ subject: layout.subject, html }, sampleContext('2026-03-28'));
    expect(rendered.html).toContain('Sua fatura de R$ 99,90 está em aberto desde 15&#x2F;03&#x2F;2026.');
  });
});

describe('what the visual editor does not show', () => {
  it.each([
    ['changed delimiters', '{{=<% %>=}}<p>x</p>'],
    ['a partial', '<p>{{> rodape}}</p>'],
    ['a section inside a tag', '<p {{#fatura.vencida}}class="x"{{/fatura.vencida}}>x</p>'],
    ['an unclosed tag', '<p>Olá {{cliente.nome</p>'],
    [
      'a section in the head',
      '<html><head><title>{{#fatura.vencida}}x{{/fatura.vencida}}</title></head><body></body></html>',
    ],
    ['a comment tag', '<p>{{! nota }}x</p>'],
  ])('refuses %s (the HTML tab edits it)', (_what, html) => {
    expect(() => {
      const doc = load(html);
      if (serializeLayoutHtml(doc) !== html) throw new UnsupportedTemplate('não volta igual');
    }).toThrow(UnsupportedTemplate);
  });
});
