// Layout de E-mail through the real handler map, on a real app in a temp dir; test sends go to a real
// SMTP server.
import { describe, expect, it } from 'vitest';
import type { LayoutPreview } from '../../shared/contract/layouts';
import type { LayoutEntry } from '../../shared/records';
import { applyTestDocument, useSmtpServer, useTestApi } from '../support/api';
import { baseDocument } from '../support/documents';
import { decodeSymbols, requireDecoders } from '../support/images';
import { sampleContext } from '../../main/services/layouts';

const AFTER_DUE = 'boleto-apos-vencimento';
const AFTER_DUE_SUBJECT = 'Fatura {{fatura.numero}} em atraso – venceu em {{fatura.vencimento}}';

const smtp = useSmtpServer();
const api = useTestApi();
const { call, ok, failure } = api;

const layout = async (id: string) => (await ok<LayoutEntry[]>('layouts.list', {})).find((l) => l.id === id);

/** The company, the SMTP account on the test server, customer Maria and invoice f1 (due 20/02/2021). */
async function seed(overrides: Record<string, unknown> = {}) {
  await applyTestDocument(api.app, baseDocument(smtp.port, overrides));
}

describe('layouts.list', () => {
  it('lists the four pre-registered layouts, none edited, on a fresh store', async () => {
    const list = await ok<LayoutEntry[]>('layouts.list', {});
    expect(list.map((l) => l.id)).toEqual([
      'boleto-emissao',
      'boleto-antes-vencimento',
      'boleto-no-vencimento',
      AFTER_DUE,
    ]);
    expect(list.every((l) => l.preRegistered && !l.customized)).toBe(true);
  });
});

describe('layouts.save', () => {
  it('refuses an unknown variable beside the subject, naming it, and saves nothing', async () => {
    const original = (await layout(AFTER_DUE))!;
    const error = failure(
      await call('layouts.save', { ...pick(original), subject: 'Olá {{cliente.nomee}}, fatura em atraso' }),
    );
    expect(error.code).toBe('validation');
    expect(error.fieldErrors?.subject).toContain('variável desconhecida: {{cliente.nomee}}');
    expect(error.fieldErrors?.subject).toContain('{{cliente.nome}}'); // the suggestion
    expect(error.fieldErrors?.html).toBeUndefined();
    expect((await layout(AFTER_DUE))!.customized).toBe(false);
    expect(api.events).toEqual([]);
  });

  it('refuses a syntax error beside the HTML', async () => {
    const original = (await layout(AFTER_DUE))!;
    const error = failure(
      await call('layouts.save', { ...pick(original), html: '<p>{{#envio.pdfAnexo}}anexo</p>' }),
    );
    expect(error.fieldErrors?.html).toMatch(
      /erro de sintaxe: a seção \{\{#envio\.pdfAnexo\}\} não foi fechada/,
    );
  });

  it('saves an edited pre-registered layout as "Editado" and announces the change', async () => {
    const original = (await layout(AFTER_DUE))!;
    const saved = await ok<LayoutEntry>('layouts.save', {
      ...pick(original),
      subject: '{{cliente.nome}}, sua fatura venceu',
    });
    expect(saved).toMatchObject({ id: AFTER_DUE, preRegistered: true, customized: true });
    expect((await layout(AFTER_DUE))!.subject).toBe('{{cliente.nome}}, sua fatura venceu');
    expect(api.events).toEqual([{ name: 'store.changed', payload: { area: 'settings' } }]);
  });

  it('keeps the reminder mark, and refuses payment variables in a reminder beside the HTML', async () => {
    const reminder = {
      name: 'Lembrete',
      subject: 'Lembrete',
      html: '<p>{{cliente.nome}}</p>',
      reminder: true,
    };
    expect((await ok<LayoutEntry>('layouts.save', reminder)).reminder).toBe(true);
    const error = failure(
      await call('layouts.save', { ...reminder, html: '<p>{{fatura.pixCopiaECola}}</p>' }),
    );
    expect(error.fieldErrors?.html).toBe(
      'um layout de lembrete (sem cobrança) não pode usar {{fatura.pixCopiaECola}}: retire a variável ou desmarque "Lembrete sem cobrança"',
    );
    expect(
      (
        await ok<LayoutEntry>('layouts.save', {
          ...reminder,
          html: '<p>{{fatura.pixCopiaECola}}</p>',
          reminder: false,
        })
      ).reminder,
    ).toBe(false);
  });

  it('creates an own layout without id, deriving a fresh id from the name', async () => {
    const fields = { name: 'Aviso de Suspensão', subject: 'Aviso', html: '<p>{{cliente.nome}}</p>' };
    const first = await ok<LayoutEntry>('layouts.save', fields);
    const second = await ok<LayoutEntry>('layouts.save', fields);
    expect(first).toMatchObject({ id: 'aviso-de-suspensao', preRegistered: false, customized: false });
    expect(second.id).toBe('aviso-de-suspensao-2');
    expect((await ok<LayoutEntry[]>('layouts.list', {})).length).toBe(6);
  });

  it('refuses a layout without a name or subject with the schema messages', async () => {
    const error = failure(await call('layouts.save', { name: ' ', subject: '', html: '<p>x</p>' }));
    expect(error.fieldErrors).toMatchObject({
      name: 'informe o nome do layout',
      subject: 'informe o assunto',
    });
  });
});

describe('layouts.restore', () => {
  it('brings back the default subject of an edited pre-registered layout', async () => {
    const original = (await layout(AFTER_DUE))!;
    await ok('layouts.save', { ...pick(original), subject: 'Outro assunto' });
    const restored = await ok<LayoutEntry>('layouts.restore', { id: AFTER_DUE });
    expect(restored).toMatchObject({ subject: AFTER_DUE_SUBJECT, customized: false });
    expect((await layout(AFTER_DUE))!.subject).toBe(AFTER_DUE_SUBJECT);
  });

  it('refuses own layouts and unknown ids', async () => {
    const own = await ok<LayoutEntry>('layouts.save', { name: 'Próprio', subject: 'a', html: 'b' });
    expect(failure(await call('layouts.restore', { id: own.id })).code).toBe('conflict');
    expect(failure(await call('layouts.restore', { id: 'nao-existe' })).code).toBe('not_found');
  });
});

describe('layouts.remove', () => {
  it('removes an own layout that no rule uses', async () => {
    const own = await ok<LayoutEntry>('layouts.save', { name: 'Próprio', subject: 'a', html: 'b' });
    await ok('layouts.remove', { id: own.id });
    expect(await layout(own.id)).toBeUndefined();
  });

  it('refuses pre-registered layouts', async () => {
    expect(failure(await call('layouts.remove', { id: AFTER_DUE })).code).toBe('conflict');
    expect(await layout(AFTER_DUE)).toBeDefined();
  });

  it('refuses while a send rule uses the layout, naming the rule', async () => {
    const own = await ok<LayoutEntry>('layouts.save', { name: 'Corte', subject: 'a', html: 'b' });
    await seed({
      billingMethods: [
        {
          id: 'boleto',
          name: 'Boleto Bancário',
          sendRules: [{ id: 'r1', kind: 'after_due', days: 13, layoutId: own.id }],
        },
      ],
    });
    const error = failure(await call('layouts.remove', { id: own.id }));
    expect(error.code).toBe('conflict');
    expect(error.message).toContain('"Envio após Vencido com 13 dias" de Boleto Bancário');
    expect(await layout(own.id)).toBeDefined();
  });
});

describe('layouts.preview', () => {
  it('renders a draft with the sample customer and money in reais', async () => {
    const preview = await ok<LayoutPreview>('layouts.preview', {
      subject: '{{cliente.nome}}: {{fatura.valor}}',
      html: '<p>Olá {{cliente.nome}}, vence em {{fatura.vencimento}}</p>',
    });
    expect(preview.problems).toEqual([]);
    expect(preview.subject).toBe('Maria da Silva Souza: R$ 99,90');
    // mustache escapes "/" in HTML (&#x2F;); the text part reads as staff would.
    expect(preview.html).toContain('Olá Maria da Silva Souza, vence em 15&#x2F;03&#x2F;2026');
    expect(preview.text).toBe('Olá Maria da Silva Souza, vence em 15/03/2026');
  });

  it('never fails on a bad draft: lists the problems and shows the unknown tag where it stands', async () => {
    const preview = await ok<LayoutPreview>('layouts.preview', {
      subject: 'Olá {{cliente.nomee}} – {{fatura.numero}}',
      html: '<p>{{fatura.valor}} {{empresa.fone}}</p>',
    });
    expect(preview.problems).toEqual([
      { field: 'subject', message: expect.stringContaining('variável desconhecida: {{cliente.nomee}}') },
      { field: 'html', message: expect.stringContaining('variável desconhecida: {{empresa.fone}}') },
    ]);
    expect(preview.subject).toBe('Olá {{cliente.nomee}} – 2026000123');
    expect(preview.html).toBe('<p>R$ 99,90 <mark>{{empresa.fone}}</mark></p>');
  });

  it('leaves a part that cannot be parsed empty and still renders the other', async () => {
    const preview = await ok<LayoutPreview>('layouts.preview', {
      subject: 'Fatura {{fatura.numero}}',
      html: '<p>{{#envio.pdfAnexo}}</p>',
    });
    expect(preview.problems).toHaveLength(1);
    expect(preview.problems[0]!.field).toBe('html');
    expect(preview.subject).toBe('Fatura 2026000123');
    expect(preview.html).toBe('');
  });

  it('renders with a real invoice, its customer and billing method, for the chosen send date', async () => {
    await seed();
    const preview = await ok<LayoutPreview>('layouts.preview', {
      subject: '{{fatura.numero}} {{cliente.nome}}',
      html: '<p>{{fatura.formaCobranca}} {{fatura.diasAtraso}} {{empresa.nome}}</p>',
      invoiceId: 'f1',
      runDate: '2021-03-05',
    });
    expect(preview.subject).toBe('N-f1 Maria da Silva');
    expect(preview.html).toBe('<p>Boleto Bancário 13 Provedor Exemplo Ltda</p>');
  });

  it('shows the QR code as an image the screen can draw, and it reads back as the copia e cola', async () => {
    await requireDecoders();
    const preview = await ok<LayoutPreview>('layouts.preview', {
      subject: 'x',
      html: '{{#fatura.pixQrCode}}<img src="{{fatura.pixQrCode}}">{{/fatura.pixQrCode}}',
    });
    const src = /src="data:image\/png;base64,([^"]+)"/.exec(preview.html)?.[1];
    expect(src).toBeDefined();
    expect(await decodeSymbols(Buffer.from(src!, 'base64'))).toEqual([
      `QR-Code:${sampleContext().invoice.pixCode}`,
    ]);
  });

  it('says when the chosen invoice does not exist', async () => {
    const error = failure(await call('layouts.preview', { subject: 'a', html: 'b', invoiceId: 'nada' }));
    expect(error.code).toBe('not_found');
  });
});

describe('layouts.sendTest', () => {
  const draft = { subject: 'Fatura de {{cliente.nome}}', html: '<p>{{fatura.valor}}</p>' };

  it('delivers the draft to the chosen address with "[TESTE]", the PDF and a fresh Message-ID', async () => {
    await seed();
    const first = await ok<{ ok: boolean; message: string }>('layouts.sendTest', {
      ...draft,
      to: 'teste@provedor.example',
    });
    await ok('layouts.sendTest', { ...draft, to: 'teste@provedor.example', smtpAccountId: 'principal' });
    expect(first.ok).toBe(true);
    expect(first.message).toContain('teste enviado para teste@provedor.example');
    const [a, b] = await smtp.waitForMessages(2);
    expect(a!.subject).toBe('[TESTE] Fatura de Maria da Silva Souza');
    expect(a!.envelopeTo).toEqual(['teste@provedor.example']);
    expect(a!.html).toContain('R$ 99,90');
    expect(a!.attachments).toMatchObject([{ contentType: 'application/pdf' }]);
    expect(a!.attachments[0]!.content.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(a!.messageId).toMatch(/^<regua\.test\.[0-9a-f-]+@provedor\.example>$/);
    expect(b!.messageId).not.toBe(a!.messageId);
  });

  it('answers ok: false with the server reply when the server refuses, without throwing', async () => {
    await seed();
    await smtp.setFaults({ rcpt: [{ match: 'recusa@', code: 550, message: 'Mailbox unavailable' }] });
    const result = await ok<{ ok: boolean; message: string }>('layouts.sendTest', {
      ...draft,
      to: 'recusa@provedor.example',
    });
    expect(result.ok).toBe(false);
    expect(result.message).toContain('550');
  });

  it('asks for an account when none is registered, and refuses a broken draft', async () => {
    const none = failure(await call('layouts.sendTest', { ...draft, to: 'a@b.example' }));
    expect(none.fieldErrors?.smtpAccountId).toContain('nenhuma conta de e-mail');
    await seed();
    const broken = failure(
      await call('layouts.sendTest', { ...draft, subject: '{{cliente.nomee}}', to: 'a@b.example' }),
    );
    expect(broken.fieldErrors?.subject).toContain('{{cliente.nomee}}');
    expect(await smtp.messages()).toEqual([]);
  });
});

function pick(entry: LayoutEntry) {
  return { id: entry.id, name: entry.name, subject: entry.subject, html: entry.html };
}
