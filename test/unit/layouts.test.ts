import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  LayoutError,
  loadDefaultLayouts,
  renderLayout,
  sampleContext,
  templateView,
  validateLayout,
  type TemplateContext,
} from '../../main/services/layouts';
import { TEMPLATE_VARIABLES } from '../../shared/template-variables';
import { addDays } from '../../shared/calendar';
import { pngLogo } from '../support/images';

const ASSETS = fileURLToPath(new URL('../../assets', import.meta.url));
const defaults = loadDefaultLayouts(ASSETS);
const byId = (id: string) => defaults.find((l) => l.id === id)!;

function ctx(overrides: {
  runDate?: string;
  invoice?: Partial<TemplateContext['invoice']>;
  customer?: Partial<TemplateContext['customer']>;
  company?: TemplateContext['company'];
  attachInvoice?: boolean;
}): TemplateContext {
  const base = sampleContext();
  return {
    ...base,
    runDate: overrides.runDate ?? base.runDate,
    invoice: { ...base.invoice, ...overrides.invoice },
    customer: { ...base.customer, ...overrides.customer },
    company: overrides.company === undefined ? base.company : overrides.company,
    attachInvoice: overrides.attachInvoice ?? true,
  };
}

const messages = (subject: string, html: string) => validateLayout({ subject, html });

describe('default layouts', () => {
  it('loads the four pre-registered layouts in order', () => {
    expect(defaults.map((l) => [l.id, l.name])).toEqual([
      ['boleto-emissao', 'Boleto Bancário – Fatura Gerada'],
      ['boleto-antes-vencimento', 'Boleto Bancário – Antes do Vencimento'],
      ['boleto-no-vencimento', 'Boleto Bancário – No Vencimento'],
      ['boleto-apos-vencimento', 'Boleto Bancário – Após Vencimento'],
    ]);
  });

  it.each(defaults.map((l) => [l.id, l] as const))(
    '%s validates and renders a complete e-mail',
    (_, layout) => {
      expect(validateLayout(layout)).toEqual([]);
      const out = renderLayout(layout, sampleContext());
      expect(out.subject).toContain('2026000123');
      expect(out.subject).toContain('15/03/2026');
      expect(out.html).toContain('Olá, Maria da Silva Souza');
      expect(out.html).toContain('max-width:600px');
      expect(out.html).not.toMatch(/<script|\{\{|null|undefined/i);
      // No remote content: the only images are the message's own inline parts.
      expect([...out.html.matchAll(/src="([^"]*)"/g)].map((m) => m[1])).toEqual(['cid:pix-qrcode@regua']);
      expect(out.text).toContain('Olá, Maria da Silva Souza');
      expect(out.text).toContain('R$ 99,90');
      expect(out.text).toContain('23793.38128 60082.677091 93200.006331 4 13860000009990');
      expect(out.text).toContain('A fatura em PDF segue anexa a este e-mail.');
      expect(out.text).toContain('financeiro@conectafibra.com.br ou pelo telefone (11) 4002-8922.');
    },
  );

  it('the overdue layout mentions atraso and the days late; the reminder the days left', () => {
    const late = renderLayout(byId('boleto-apos-vencimento'), ctx({ runDate: '2026-03-22' }));
    expect(late.subject).toMatch(/atraso/);
    expect(late.text).toMatch(/Dias em atraso\s+7\n/);
    const soon = renderLayout(byId('boleto-antes-vencimento'), ctx({ runDate: '2026-03-12' }));
    expect(soon.text).toMatch(/Dias até o vencimento\s+3\n/);
  });

  it('refuses a defaults folder whose layout uses an unknown variable', () => {
    const dir = mkdtempSync(join(tmpdir(), 'regua-layouts-'));
    try {
      mkdirSync(join(dir, 'layouts'));
      const entry = { id: 'x', name: 'X', subject: 'Fatura {{fatura.numero}}', file: 'x.html' };
      writeFileSync(join(dir, 'layouts', 'index.json'), JSON.stringify([entry]));
      writeFileSync(join(dir, 'layouts', 'x.html'), '<p>{{fatura.total}}</p>');
      expect(() => loadDefaultLayouts(dir)).toThrow('variável desconhecida: {{fatura.total}}');
      writeFileSync(join(dir, 'layouts', 'index.json'), JSON.stringify([{ ...entry, file: '../x.html' }]));
      expect(() => loadDefaultLayouts(dir)).toThrow(/arquivo deve ser um nome simples/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('validateLayout', () => {
  it('names an unknown variable in the subject and in the html, suggesting the close one', () => {
    expect(messages('Fatura {{fatura.numeroo}}', '<p>{{cliente.nomee}}</p>')).toEqual([
      {
        field: 'subject',
        message: 'variável desconhecida: {{fatura.numeroo}} (quis dizer {{fatura.numero}}?)',
      },
      { field: 'html', message: 'variável desconhecida: {{cliente.nomee}} (quis dizer {{cliente.nome}}?)' },
    ]);
    expect(messages('ok', '{{xyz}}')).toEqual([{ field: 'html', message: 'variável desconhecida: {{xyz}}' }]);
  });

  it('checks every tag kind and nested tokens, once per name', () => {
    const html =
      '{{{a.b}}} {{&c}} {{^d}}x{{/d}} {{#fatura.pixCopiaECola}}{{#e}}{{f}}{{/e}}{{/fatura.pixCopiaECola}} {{a.b}}';
    expect(messages('ok', html).map((p) => p.message)).toEqual([
      'variável sem escape não é permitida: use {{a.b}} em vez de {{{a.b}}} ou {{& a.b}}',
      'variável sem escape não é permitida: use {{c}} em vez de {{{c}}} ou {{& c}}',
      ...['d', 'e', 'f', 'a.b'].map((n) => `variável desconhecida: {{${n}}}`),
    ]);
  });

  it('does not let section context lookup make an unknown name pass', () => {
    const inSection = (inner: string) =>
      messages('ok', `{{#fatura.linhaDigitavel}}${inner}{{/fatura.linhaDigitavel}}`).map((p) => p.message);
    expect(inSection('{{length}}')).toEqual(['variável desconhecida: {{length}}']);
    expect(inSection('{{.}} {{cliente.nome}}')).toEqual([]);
    expect(messages('ok', '{{#cliente}}{{nome}}{{/cliente}}').map((p) => p.message)).toEqual([
      'variável desconhecida: {{cliente}}',
      'variável desconhecida: {{nome}}',
    ]);
    expect(messages('{{.}}', 'ok')).toEqual([
      { field: 'subject', message: '{{.}} só pode ser usado dentro de uma seção' },
    ]);
  });

  it('accepts sections, inverted sections, comments and spacing over known names', () => {
    const html =
      '{{! comentário }}{{#empresa.email}}<a href="mailto:{{ empresa.email }}">{{empresa.email}}</a>{{/empresa.email}}' +
      '{{^fatura.diasAtraso}}em dia{{/fatura.diasAtraso}}{{fatura.valor}}';
    expect(messages('{{envio.data}}', html)).toEqual([]);
  });

  it('refuses unescaped output, which would let imported data inject HTML into the e-mail', () => {
    expect(messages('ok', '<p>{{{cliente.nome}}}</p>')).toEqual([
      {
        field: 'html',
        message:
          'variável sem escape não é permitida: use {{cliente.nome}} em vez de {{{cliente.nome}}} ou {{& cliente.nome}}',
      },
    ]);
  });

  it('refuses partials', () => {
    expect(messages('ok', '{{> rodape}}')).toEqual([
      { field: 'html', message: 'parciais não são permitidas: {{> rodape}}' },
    ]);
  });

  it('reports syntax errors in Portuguese with the line', () => {
    expect(messages('Fatura {{fatura.numero', 'ok')).toEqual([
      { field: 'subject', message: 'erro de sintaxe: tag aberta com {{ e não fechada com }} (linha 1)' },
    ]);
    expect(messages('ok', '<p>\n{{#fatura.pixCopiaECola}}\n<p>{{fatura.pixCopiaECola}}</p>')).toEqual([
      {
        field: 'html',
        message:
          'erro de sintaxe: a seção {{#fatura.pixCopiaECola}} não foi fechada com {{/fatura.pixCopiaECola}} (linha 3)',
      },
    ]);
    expect(messages('ok', 'a\n{{/empresa.email}}')[0]?.message).toBe(
      'erro de sintaxe: {{/empresa.email}} fecha uma seção que não foi aberta (linha 2)',
    );
  });
});

describe('renderLayout', () => {
  const simple = {
    subject: 'Olá {{cliente.nome}}: {{fatura.valor}} até {{fatura.vencimento}}',
    html: '<p>Cliente: {{cliente.nome}}</p><p>Valor: {{fatura.valor}} em {{fatura.vencimento}}</p>',
  };

  it('escapes values in the html but not in the subject or the text', () => {
    const out = renderLayout(simple, ctx({ customer: { name: 'Ana <b>&' } }));
    expect(out.html).toContain('<p>Cliente: Ana &lt;b&gt;&amp;</p>');
    expect(out.html).not.toContain('Ana <b>');
    expect(out.subject).toBe('Olá Ana <b>&: R$ 99,90 até 15/03/2026');
    expect(out.text).toContain('Cliente: Ana <b>&');
    const full = renderLayout(byId('boleto-emissao'), ctx({ customer: { name: 'Ana <b>&' } }));
    expect(full.html).toContain('Olá, Ana &lt;b&gt;&amp;!');
    expect(full.text).toContain('Olá, Ana <b>&!');
  });

  it('keeps dates literal in subject and text and formats money', () => {
    const out = renderLayout(simple, ctx({ invoice: { amountCents: 123456 } }));
    expect(out.subject).toBe('Olá Maria da Silva Souza: R$ 1.234,56 até 15/03/2026');
    expect(out.text).toContain('Valor: R$ 1.234,56 em 15/03/2026');
    expect(out.text).not.toContain('&#x2F;');
    expect(out.html).toContain('R$ 1.234,56');
  });

  it('collapses line breaks in the subject', () => {
    const out = renderLayout(
      { subject: 'Fatura\r\n{{fatura.numero}}\n  de {{cliente.nome}}', html: '<p>x</p>' },
      ctx({ customer: { name: 'Ana\nBcc: x@y.z' } }),
    );
    expect(out.subject).toBe('Fatura 2026000123 de Ana Bcc: x@y.z');
  });

  it('computes days late and days left from the run date', () => {
    const days = (runDate: string, dueDate = '2026-03-15') => {
      const view = templateView(ctx({ runDate, invoice: { issueDate: '2026-01-01', dueDate } }));
      const { diasAtraso, diasParaVencer } = view.fatura as Record<string, unknown>;
      return [diasAtraso, diasParaVencer];
    };
    expect(days('2026-03-10')).toEqual([0, 5]);
    expect(days('2026-03-15')).toEqual([0, 0]);
    expect(days('2026-03-18')).toEqual([3, 0]);
    expect(days('2028-03-01', '2028-02-27')).toEqual([3, 0]);
    expect(days('2026-02-27', '2026-03-02')).toEqual([0, 3]);
  });

  it('drops the linha digitável and PIX sections when the invoice has none', () => {
    const layout = byId('boleto-no-vencimento');
    const without = renderLayout(layout, ctx({ invoice: { digitableLine: null, pixCode: null } }));
    for (const part of [without.html, without.text]) {
      expect(part).not.toContain('Linha digitável do boleto');
      expect(part).not.toContain('Pague com Pix');
      expect(part).not.toMatch(/null|undefined/);
    }
    const view = templateView(ctx({ invoice: { digitableLine: null, pixCode: null } }));
    expect(view.fatura).toMatchObject({ linhaDigitavel: '', pixCopiaECola: '' });
    const pixOnly = renderLayout(layout, ctx({ invoice: { digitableLine: null } }));
    expect(pixOnly.text).not.toContain('Linha digitável');
    // The PIX code is copied by hand: it must survive wrapping as one line.
    expect(pixOnly.text.split('\n')).toContain(sampleContext().invoice.pixCode);
    expect(pixOnly.html).toMatch(/monospace[^>]*>00020126580014br\.gov\.bcb\.pix/);
  });

  it('renders without a company and without attachment with no dangling text', () => {
    const out = renderLayout(byId('boleto-apos-vencimento'), ctx({ company: null, attachInvoice: false }));
    expect(out.html).not.toMatch(/null|undefined|Equipe/);
    expect(out.text).toContain('Em caso de dúvidas, fale com a gente.');
    expect(out.text).not.toContain('PDF');
    expect(out.text).toContain('Atenciosamente,\n');
  });

  it('never returns an empty text part', () => {
    const out = renderLayout(
      { subject: 'Fatura {{fatura.numero}}', html: '<div>{{fatura.linhaDigitavel}}</div>' },
      ctx({ invoice: { digitableLine: null } }),
    );
    expect(out.text).toBe('Fatura 2026000123');
  });

  it('refuses to render an invalid layout', () => {
    const render = () => renderLayout({ subject: 'x', html: '{{cliente.nomee}}' }, sampleContext());
    expect(render).toThrow(LayoutError);
    expect(render).toThrow('layout inválido: corpo HTML: variável desconhecida: {{cliente.nomee}}');
  });
});

describe('template variables', () => {
  it('the view has exactly the catalogue names, all with values for the sample', () => {
    const view = templateView(sampleContext());
    const leaves = Object.entries(view).flatMap(([group, values]) =>
      Object.keys(values as object).map((key) => `${group}.${key}`),
    );
    expect(leaves.sort()).toEqual(TEMPLATE_VARIABLES.map((v) => v.name).sort());
    for (const v of TEMPLATE_VARIABLES) {
      // The sample company has no logo: staff see where it goes once theirs is uploaded in Empresa.
      if (v.name === 'empresa.logo') continue;
      const [group, key] = v.name.split('.') as [string, string];
      const value = (view[group] as Record<string, unknown>)[key];
      expect(String(value), v.name).not.toBe('');
    }
  });

  it('formats documents and e-mail lists', () => {
    const view = templateView(
      ctx({ customer: { document: '12345678000195', email: 'a@b.com; x; c@d.com' } }),
    );
    expect(view.cliente).toMatchObject({ documento: '12.345.678/0001-95', email: 'a@b.com, c@d.com' });
    expect(templateView(sampleContext()).cliente).toMatchObject({ documento: '123.456.789-09' });
  });
});

describe('the on-due layout sent late (caught up after the due date)', () => {
  it('says "vence hoje" on the due date and "venceu" when the send date is later', () => {
    const layout = loadDefaultLayouts(ASSETS).find((l) => l.id === 'boleto-no-vencimento')!;
    const base = sampleContext();
    const onDay = renderLayout(layout, { ...base, runDate: base.invoice.dueDate });
    expect(onDay.subject).toContain('vence hoje');
    expect(onDay.text).not.toMatch(/venceu/);
    const late = renderLayout(layout, { ...base, runDate: addDays(base.invoice.dueDate, 2) });
    expect(late.subject).toContain('venceu');
    expect(late.subject).not.toContain('hoje');
    expect(late.text).toMatch(/venceu em/i);
    expect(late.text).not.toMatch(/vence hoje/i);
  });
});

describe('payment codes and images in the e-mail', () => {
  it('prints the linha digitável grouped as the bank does, whatever way it was stored', () => {
    const grouped = sampleContext().invoice.digitableLine!;
    const digits = grouped.replace(/\D/g, '');
    const view = templateView(ctx({ invoice: { digitableLine: digits } }));
    expect((view.fatura as Record<string, unknown>).linhaDigitavel).toBe(grouped);
    // A code that does not check is shown as stored, never altered.
    expect(
      (templateView(ctx({ invoice: { digitableLine: '1234 5678' } })).fatura as Record<string, unknown>)
        .linhaDigitavel,
    ).toBe('1234 5678');
  });

  it('places the QR code and the logo by cid, surviving HTML escaping, and only when there is one', async () => {
    const html =
      '{{#empresa.logo}}<img src="{{empresa.logo}}">{{/empresa.logo}}{{#fatura.pixQrCode}}<img src="{{fatura.pixQrCode}}">{{/fatura.pixQrCode}}';
    const logo = await pngLogo();
    const both = renderLayout(
      { subject: 'x', html },
      ctx({ company: { ...sampleContext().company!, logo } }),
    );
    expect(both.html).toBe('<img src="cid:empresa-logo@regua"><img src="cid:pix-qrcode@regua">');
    const none = renderLayout({ subject: 'x', html }, ctx({ invoice: { pixCode: null } }));
    expect(none.html).toBe('');
  });

  it('shows the logo in the pre-registered headers instead of the name, when there is one', async () => {
    const layout = byId('boleto-emissao');
    const logo = await pngLogo();
    const withLogo = renderLayout(layout, ctx({ company: { ...sampleContext().company!, logo } }));
    expect(withLogo.html).toContain(
      '<img src="cid:empresa-logo@regua" height="40" alt="Conecta Fibra Telecom"',
    );
    const without = renderLayout(layout, sampleContext());
    expect(without.html).not.toContain('empresa-logo');
    expect(without.html).toMatch(/color:#ffffff;">Conecta Fibra Telecom<\/td>/);
  });
});

describe('reminder layouts (sem cobrança)', () => {
  it('refuses payment variables in a layout marked as a reminder, naming each', () => {
    const html =
      '<p>{{fatura.linhaDigitavel}}</p>{{#fatura.pixQrCode}}<img src="{{fatura.pixQrCode}}">{{/fatura.pixQrCode}}';
    expect(validateLayout({ subject: 'Lembrete', html, reminder: true }).map((p) => p.message)).toEqual([
      'um layout de lembrete (sem cobrança) não pode usar {{fatura.linhaDigitavel}}: retire a variável ou desmarque "Lembrete sem cobrança"',
      'um layout de lembrete (sem cobrança) não pode usar {{fatura.pixQrCode}}: retire a variável ou desmarque "Lembrete sem cobrança"',
    ]);
    expect(validateLayout({ subject: 'Lembrete', html, reminder: false })).toEqual([]);
    expect(
      validateLayout({ subject: 'Fatura {{fatura.pixCopiaECola}}', html: '<p>oi</p>', reminder: true }),
    ).toMatchObject([{ field: 'subject' }]);
  });

  it('accepts a reminder that shows no way to pay', () => {
    const html = '<p>Olá, {{cliente.nome}}: sua fatura {{fatura.numero}} vence em {{fatura.vencimento}}.</p>';
    expect(validateLayout({ subject: 'Lembrete', html, reminder: true })).toEqual([]);
  });
});
