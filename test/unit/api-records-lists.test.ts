// Faturas and Clientes as a clerk expects a list, through the real handler map on a real engine:
// VENCIDA on the company's clock, sorting by every column both ways over paged data, the filters,
// the bulk actions (one write, all or nothing, refusals with reasons), no sends of paid or cancelled
// invoices, and bulk sends to the real test SMTP server that never send twice.
import { join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Page } from '../../shared/contract/method';
import type { CustomerView, InvoicePreview, InvoiceView } from '../../shared/contract/records';
import { bulkSummary, type BulkResult } from '../../shared/invoice-bulk';
import { INVOICE_SORTS, type InvoiceSort } from '../../shared/invoice-situation';
import { offsetClock } from '../../main/services/clock';
import { testApis, useSmtpServer, type TestApi } from '../support/api';
import { baseDocument, invoice } from '../support/documents';
import { canMountTmpfs, mountSmallDisk } from '../support/tmpfs';

const smtp = useSmtpServer();
const openApi = testApis();
let api: TestApi;

/** 15:00 UTC is 12:00 in São Paulo: the company's day is 29/11/2026. */
const NOW = new Date('2026-11-29T15:00:00Z');

const CUSTOMERS = [
  {
    id: 'c1',
    name: 'Maria da Silva',
    email: 'maria@cliente.example',
    document: '123.456.789-09',
    address: { city: 'Campinas' },
  },
  { id: 'c2', name: 'João Conceição', email: 'joao@cliente.example', address: { city: 'Atibaia' } },
  { id: 'c3', name: 'Ana Lúcia', email: 'ana@cliente.example', emailOptOut: true },
  { id: 'c4', name: 'pedro souza', email: 'pedro@cliente.example', address: { city: 'Éden' } },
];

const METHODS = [
  {
    id: 'boleto',
    name: 'Boleto Bancário',
    sendRules: [{ id: 'r1', kind: 'after_due', days: 13, layoutId: 'boleto-apos-vencimento' }],
  },
  { id: 'carne', name: 'Carnê', sendRules: [] },
];

/** 30 invoices over four customers, two billing methods, due around today; some paid, some cancelled. */
function listDoc() {
  const invoices = Array.from({ length: 30 }, (_, i) => {
    const day = new Date(Date.UTC(2026, 10, 15 + ((i * 7) % 31)));
    const dueDate = day.toISOString().slice(0, 10);
    return invoice(`f${i}`, {
      customerId: `c${(i % 4) + 1}`,
      billingMethodId: i % 3 === 0 ? 'carne' : 'boleto',
      number: `2026-${i * 3}`, // 2026-0 … 2026-87: numbers that sort as numbers, not as text
      issueDate: `2026-10-${String((i % 28) + 1).padStart(2, '0')}`,
      dueDate,
      amountCents: 5_000 + ((i * 7919) % 20_000),
      status: i % 10 === 4 ? 'paid' : i % 10 === 7 ? 'cancelled' : 'open',
      ...(i % 10 === 4 ? { payment: { date: '2026-11-01', amountCents: 5_000, source: 'manual' } } : {}),
    });
  });
  return baseDocument(smtp.port, { customers: CUSTOMERS, billingMethods: METHODS, invoices });
}

async function open(doc: Record<string, unknown> = listDoc(), now = NOW, dataDir?: string) {
  api = await openApi({
    document: doc,
    dataDir,
    retry: { attempts: 1, delayMs: 10 },
    clock: offsetClock(now),
  });
}

const list = (input: Record<string, unknown> = {}) => api.ok<Page<InvoiceView>>('invoices.list', input);

/** Every page of a listing, 7 at a time. */
async function allPages(input: Record<string, unknown>): Promise<InvoiceView[]> {
  const out: InvoiceView[] = [];
  for (let page = 1; ; page++) {
    const p = await list({ ...input, page, pageSize: 7 });
    out.push(...p.items);
    if (page * 7 >= p.total) return out;
  }
}

const plain = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
const RANK = { overdue: 0, open: 1, paid: 2, cancelled: 3 } as const;
const KEY: Record<InvoiceSort, (i: InvoiceView) => string | number> = {
  number: (i) => Number(i.number.split('-')[1]),
  customer: (i) => plain(i.customerName),
  billingMethod: (i) => plain(i.billingMethodName),
  issueDate: (i) => i.issueDate,
  dueDate: (i) => i.dueDate,
  amount: (i) => i.amountCents,
  situation: (i) => RANK[i.situation],
};

describe('VENCIDA', () => {
  it('is an open invoice past its due date on the company clock; the stored status stays open', async () => {
    const doc = baseDocument(smtp.port, {
      customers: CUSTOMERS,
      invoices: [
        invoice('ontem', { dueDate: '2026-11-28' }),
        invoice('hoje', { dueDate: '2026-11-29' }),
        invoice('paga', { dueDate: '2026-11-01', status: 'paid' }),
      ],
    });
    // 01:30 UTC on the 30th is still 22:30 of the 29th in São Paulo: "hoje" is due today, not overdue.
    await open(doc, new Date('2026-11-30T01:30:00Z'));
    const situations = async () =>
      Object.fromEntries((await list()).items.map((i) => [i.id, [i.status, i.situation]]));
    expect(await situations()).toEqual({
      ontem: ['open', 'overdue'],
      hoje: ['open', 'open'],
      paga: ['paid', 'paid'],
    });
    expect((await list({ status: 'overdue' })).items.map((i) => i.id)).toEqual(['ontem']);
    expect((await list({ status: 'open' })).items.map((i) => i.id)).toEqual(['hoje']);
    expect(api.app.store.invoice('ontem')!.status).toBe('open');
    await api.close();
    // Three hours later it is the 30th in São Paulo too.
    await open(doc, new Date('2026-11-30T04:30:00Z'));
    expect(await situations()).toMatchObject({ hoje: ['open', 'overdue'] });
  });
});

describe('sorting Faturas', () => {
  it('sorts by every column both ways over the whole list, page after page', async () => {
    await open();
    for (const sort of INVOICE_SORTS)
      for (const direction of ['asc', 'desc'] as const) {
        const rows = await allPages({ sort, direction });
        expect(rows.map((r) => r.id).sort(), `${sort} ${direction}: every invoice once`).toEqual(
          Array.from({ length: 30 }, (_, i) => `f${i}`).sort(),
        );
        const keys = rows.map(KEY[sort]);
        const sorted = [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        if (direction === 'desc') sorted.reverse();
        expect(keys, `${sort} ${direction}`).toEqual(sorted);
        expect(new Set(keys).size, `${sort}: more than one value`).toBeGreaterThan(1);
      }
  });

  it('keeps the newest due date first by default, and sorts within a filter', async () => {
    await open();
    const dates = (await allPages({})).map((i) => i.dueDate);
    expect(dates).toEqual([...dates].sort().reverse());
    const maria = await allPages({ customerId: 'c1', sort: 'amount', direction: 'desc' });
    expect(maria.every((i) => i.customerId === 'c1')).toBe(true);
    expect(maria.map((i) => i.amountCents)).toEqual(maria.map((i) => i.amountCents).sort((a, b) => b - a));
  });
});

describe('filtering Faturas', () => {
  it('filters by situation, billing method, due-date range and customer, together with a search', async () => {
    await open();
    const all = await allPages({});
    const ids = async (input: Record<string, unknown>) => (await allPages(input)).map((i) => i.id).sort();
    const expected = (pick: (i: InvoiceView) => boolean) =>
      all
        .filter(pick)
        .map((i) => i.id)
        .sort();
    for (const status of ['open', 'overdue', 'paid', 'cancelled'] as const) {
      expect(await ids({ status }), status).toEqual(expected((i) => i.situation === status));
      expect((await ids({ status })).length, status).toBeGreaterThan(0);
    }
    expect(await ids({ billingMethodId: 'carne' })).toEqual(expected((i) => i.billingMethodId === 'carne'));
    expect(await ids({ dueFrom: '2026-11-20', dueTo: '2026-11-30' })).toEqual(
      expected((i) => i.dueDate >= '2026-11-20' && i.dueDate <= '2026-11-30'),
    );
    expect(await ids({ status: 'overdue', search: 'joao', billingMethodId: 'boleto' })).toEqual(
      expected((i) => i.situation === 'overdue' && i.customerId === 'c2' && i.billingMethodId === 'boleto'),
    );
    expect(await ids({ dueFrom: '2027-01-01' })).toEqual([]);
  });
});

describe('Clientes', () => {
  it('sorts by name, CPF/CNPJ, e-mail, city and open invoices, both ways', async () => {
    await open();
    const names = async (sort: string, direction = 'asc') =>
      (await api.ok<Page<CustomerView>>('customers.list', { sort, direction })).items.map((c) => c.name);
    expect(await names('name', 'desc')).toEqual([
      'pedro souza',
      'Maria da Silva',
      'João Conceição',
      'Ana Lúcia',
    ]);
    expect(await names('name')).toEqual(['Ana Lúcia', 'João Conceição', 'Maria da Silva', 'pedro souza']);
    expect(await names('email')).toEqual(['Ana Lúcia', 'João Conceição', 'Maria da Silva', 'pedro souza']);
    // Accents ignored ("Éden" between Campinas and nothing); those without a city come last.
    expect((await names('city')).slice(0, 3)).toEqual(['João Conceição', 'Maria da Silva', 'pedro souza']);
    expect((await names('document'))[0]).toBe('Maria da Silva');
    const counted = await api.ok<Page<CustomerView>>('customers.list', {
      sort: 'openInvoices',
      direction: 'desc',
    });
    const counts = counted.items.map((c) => c.openInvoices);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    const openOf = (id: string) =>
      api.app.store.invoices().filter((i) => i.customerId === id && i.status === 'open').length;
    expect(counted.items.map((c) => [c.id, c.openInvoices])).toEqual(
      counted.items.map((c) => [c.id, openOf(c.id)]),
    );
  });
});

describe('one invoice at a time', () => {
  it('does not cancel a paid invoice without reopening it, nor send a cancelled or paid one', async () => {
    await open();
    const paid = await api.call('invoices.setStatus', { id: 'f4', status: 'cancelled' });
    expect(api.failure(paid)).toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('Reabrir'),
    });
    expect(api.app.store.invoice('f4')!.status).toBe('paid');

    const sent = await api.call('invoices.send', { invoiceId: 'f7', layoutId: 'boleto-apos-vencimento' });
    expect(api.failure(sent)).toEqual({
      code: 'conflict',
      message: 'Esta fatura está cancelada: o Régua não envia cobrança de fatura cancelada.',
    });
    const paidSend = await api.call('invoices.send', { invoiceId: 'f4', layoutId: 'boleto-apos-vencimento' });
    expect(api.failure(paidSend).message).toMatch(/^Esta fatura já está paga/);
    const preview = await api.ok<InvoicePreview>('invoices.preview', {
      invoiceId: 'f7',
      layoutId: 'boleto-apos-vencimento',
    });
    expect(preview.warnings[0]).toMatchObject({ blocking: true });
    expect(await smtp.messages()).toEqual([]);
  });
});

describe('bulk status changes', () => {
  it('marks the chosen invoices paid, each for its full amount, and says which were left out and why', async () => {
    await open();
    const result = await api.ok<BulkResult>('invoices.bulkMarkPaid', {
      target: { ids: ['f0', 'f1', 'f4', 'f7', 'f14', 'sumiu'] },
      date: '2026-11-28',
    });
    expect(result.done.map((i) => i.id)).toEqual(['f0', 'f1']);
    expect(result.notDone.map((i) => [i.id, i.code])).toEqual([
      ['sumiu', 'not_found'],
      ['f4', 'already_paid'],
      ['f7', 'cancelled'],
      ['f14', 'already_paid'],
    ]);
    for (const id of ['f0', 'f1'])
      expect(api.app.store.invoice(id)).toMatchObject({
        status: 'paid',
        payment: {
          date: '2026-11-28',
          amountCents: api.app.store.invoice(id)!.amountCents,
          source: 'manual',
        },
      });
    expect(bulkSummary('markPaid', result)).toEqual([
      '2 faturas marcadas como pagas.',
      'A fatura sumiu não existe mais.',
      '2 faturas já estavam pagas (2026-12, 2026-42).',
      'A fatura 2026-21 está cancelada (reabra-a antes).',
    ]);
    // One write for the lot.
    expect(api.events.filter((e) => e.name === 'store.changed')).toHaveLength(1);
  });

  it('cancels every invoice matching a filter, refusing the paid ones, and reopens them', async () => {
    await open();
    const overdue = (await allPages({ status: 'overdue' })).map((i) => i.id);
    const cancelled = await api.ok<BulkResult>('invoices.bulkSetStatus', {
      target: { filter: { status: 'overdue' } },
      status: 'cancelled',
    });
    expect(cancelled.done.map((i) => i.id).sort()).toEqual(overdue.sort());
    expect((await list({ status: 'overdue' })).total).toBe(0);
    const refused = await api.ok<BulkResult>('invoices.bulkSetStatus', {
      target: { ids: ['f4', 'f7'] },
      status: 'cancelled',
    });
    expect(bulkSummary('cancel', refused)).toEqual([
      'Nenhuma fatura foi cancelada.',
      'A fatura 2026-12 está paga (reabra-a antes de cancelar).',
      'A fatura 2026-21 já estava cancelada.',
    ]);
    const reopened = await api.ok<BulkResult>('invoices.bulkSetStatus', {
      target: { ids: overdue },
      status: 'open',
    });
    expect(reopened.done).toHaveLength(overdue.length);
    expect((await list({ status: 'overdue' })).total).toBe(overdue.length);
  });

  it('refuses a payment dated before an invoice was issued, for that invoice only', async () => {
    await open();
    const result = await api.ok<BulkResult>('invoices.bulkMarkPaid', {
      target: { ids: ['f0', 'f20'] }, // issued 01/10 and 21/10/2026
      date: '2026-10-10',
    });
    expect(result.done.map((i) => i.id)).toEqual(['f0']);
    expect(result.notDone).toMatchObject([{ id: 'f20', code: 'issued_after_payment' }]);
  });

  it.runIf(canMountTmpfs)('changes nothing when the write fails half-way (a full disk)', async () => {
    const disk = await mountSmallDisk(2048);
    try {
      const dataDir = join(disk.dir, 'dados');
      await mkdir(dataDir);
      await open(listDoc(), NOW, dataDir);
      const before = api.app.store.invoices().map((i) => [i.id, i.status]);
      await disk.fill(1024);
      const failed = await api.call('invoices.bulkMarkPaid', {
        target: { filter: { status: 'overdue' } },
        date: '2026-11-29',
      });
      expect(api.failure(failed)).toMatchObject({ code: 'storage' });
      expect(api.app.store.invoices().map((i) => [i.id, i.status])).toEqual(before);
      await api.close();
      await disk.free();
      api = await openApi({ dataDir, clock: offsetClock(NOW) });
      expect(api.app.store.invoices().map((i) => [i.id, i.status])).toEqual(before);
    } finally {
      await api.close();
      await disk.unmount();
    }
  });
});

describe('bulk send', () => {
  it('sends through the real SMTP server, reports each refusal and failure, and never sends twice', async () => {
    await open();
    await smtp.setFaults({
      rcpt: [{ match: '^pedro@', code: 550, message: '5.1.1 Caixa postal inexistente' }],
    });
    // f0 Maria, f1 João, f2 Ana (opted out), f3 pedro (mailbox refuses), f4 paid, f7 cancelled.
    const input = {
      target: { ids: ['f0', 'f1', 'f2', 'f3', 'f4', 'f7'] },
      layoutId: 'boleto-apos-vencimento',
      batchId: 'lote-0001-teste',
    };
    const first = await api.ok<BulkResult>('invoices.bulkSend', input);
    expect(first.done.map((i) => i.id)).toEqual(['f0', 'f1']);
    expect(first.notDone.map((i) => [i.id, i.code ?? i.reason])).toEqual([
      ['f2', 'O cliente optou por não receber e-mails.'],
      ['f3', expect.stringMatching(/^falhou: /)],
      ['f4', 'paid_not_sent'],
      ['f7', 'cancelled_not_sent'],
    ]);
    expect(first.notDone[1]!.reason).not.toMatch(/550|5\.1\.1/);
    const mails = await smtp.waitForMessages(2);
    expect(mails.map((m) => m.to[0]).sort()).toEqual(['joao@cliente.example', 'maria@cliente.example']);
    expect(mails.every((m) => m.attachments.length === 1)).toBe(true);

    // Asked again (a double click, a retry): nothing sent twice; the failed one goes now that it can.
    await smtp.setFaults({});
    const second = await api.ok<BulkResult>('invoices.bulkSend', input);
    expect(second.done.map((i) => i.id)).toEqual(['f3']);
    expect(second.notDone.filter((i) => i.code === 'already_sent').map((i) => i.id)).toEqual(['f0', 'f1']);
    await smtp.waitForMessages(3);
    const all = await smtp.messages();
    expect(all.map((m) => m.to[0]).sort()).toEqual([
      'joao@cliente.example',
      'maria@cliente.example',
      'pedro@cliente.example',
    ]);
    expect(bulkSummary('send', second)[0]).toBe('1 e-mail enviado.');
  });
});
