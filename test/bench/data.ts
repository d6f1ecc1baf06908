// Seeded, deterministic bench data: an ISP's settings document plus customers and invoices.
import { buildBankLine, buildPixCode } from '../../shared/br';
import { addDays } from '../../shared/calendar';
import { sampleCpf } from '../../main/services/sample-payment-codes';
import type { BillingMethod, Customer, Invoice } from '../../shared/domain';
import { createEngine } from '../../main/engine';
import { applyDocument, checkDocument } from '../../main/services/interchange';

export const RUN_DATE = '2026-03-10';
export const RETRY = { attempts: 3, delayMs: 200 };

/** mulberry32: tiny, fast and the same sequence on every machine. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const BILLING_METHOD: BillingMethod = {
  id: 'boleto',
  name: 'Boleto Bancário',
  active: true,
  sendRules: [
    rule('antes5', 'before_due', 5, 'boleto-antes-vencimento'),
    rule('antes1', 'before_due', 1, 'boleto-antes-vencimento'),
    rule('no', 'on_due', 0, 'boleto-no-vencimento'),
    rule('apos1', 'after_due', 1, 'boleto-apos-vencimento'),
    rule('apos5', 'after_due', 5, 'boleto-apos-vencimento'),
    rule('apos13', 'after_due', 13, 'boleto-apos-vencimento'),
    rule('apos30', 'after_due', 30, 'boleto-apos-vencimento'),
    rule('emissao', 'after_issue', 0, 'boleto-emissao'),
  ],
};

function rule(id: string, kind: BillingMethod['sendRules'][number]['kind'], days: number, layoutId: string) {
  return { id, kind, days, layoutId, attachInvoice: true, active: true };
}

export function settingsDocument(smtpPort: number) {
  return {
    format: 'regua/v1',
    company: {
      name: 'Conecta Fibra Telecom Ltda',
      document: '12.345.678/0001-95',
      email: 'financeiro@conectafibra.example',
      phone: '(11) 4002-8922',
      timezone: 'America/Sao_Paulo',
      state: 'SP',
      city: 'São Paulo',
    },
    smtpAccounts: [
      {
        id: 'principal',
        host: '127.0.0.1',
        port: smtpPort,
        security: 'none',
        user: 'regua',
        password: 'segredo',
        fromName: 'Conecta Fibra',
        fromAddress: 'cobranca@conectafibra.example',
      },
    ],
    billingMethods: [BILLING_METHOD],
    routines: [
      {
        id: 'diaria',
        description: 'Envio diário de faturas',
        task: 'send_email',
        schedule: { frequency: 'daily', time: '08:10:00' },
        runOnHolidays: true,
        smtpAccountId: 'principal',
      },
    ],
  };
}

export interface Dataset {
  customers: Customer[];
  invoices: Invoice[];
}

const FIRST = [
  'Maria',
  'José',
  'Ana',
  'João',
  'Francisca',
  'Antônio',
  'Adriana',
  'Carlos',
  'Juliana',
  'Paulo',
];
const LAST = ['Silva', 'Santos', 'Oliveira', 'Souza', 'Rodrigues', 'Ferreira', 'Alves', 'Pereira', 'Lima'];
const PLANS = [7990, 9990, 11990, 14990, 19990];
/** Valid codes, so that the dataset also passes the domain schemas (`validate`). */
const CPF_POOL = Array.from({ length: 997 }, (_, i) => sampleCpf(100_000_000 + i * 7_919));
const PIX_BY_PLAN = new Map(
  PLANS.map((cents) => [
    cents,
    buildPixCode({
      key: 'financeiro@conectafibra.example',
      merchantName: 'CONECTA FIBRA TELECOM',
      merchantCity: 'SAO PAULO',
      amountCents: cents,
    }),
  ]),
);

/**
 * One invoice per customer, due dates spread over ~4 months around RUN_DATE, ~10% paid, a few
 * customers inactive, opted out or mail-less. `sendable`: every invoice due exactly `dueOffset` days
 * from RUN_DATE, open, to one reachable address (so a run sends exactly `count` notices).
 */
export function generateDataset(count: number, seed: number, sendable?: { dueOffset: number }): Dataset {
  const customers: Customer[] = [];
  const invoices: Invoice[] = [];
  for (const [customer, invoice] of datasetRecords(count, seed, sendable)) {
    customers.push(customer);
    invoices.push(invoice);
  }
  return { customers, invoices };
}

/** The dataset one customer and its invoice at a time (a million never has to be in memory at once). */
export function* datasetRecords(
  count: number,
  seed: number,
  sendable?: { dueOffset: number },
): Generator<[Customer, Invoice]> {
  const random = rng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  for (let i = 0; i < count; i++) {
    const id = `c${String(i).padStart(6, '0')}`;
    const name = `${pick(FIRST)} ${pick(LAST)} ${pick(LAST)}`;
    const first = name
      .split(' ')[0]!
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '');
    const mail = `${first.toLowerCase()}.${i}@cliente.example`;
    const roll = sendable ? 1 : random();
    const customer: Customer = {
      id,
      name,
      document: CPF_POOL[Math.floor(random() * CPF_POOL.length)]!,
      email: roll < 0.02 ? null : roll < 0.07 ? `${mail}; financeiro.${i}@empresa.example` : mail,
      phone: `(11) 9${String(Math.floor(random() * 1e8)).padStart(8, '0')}`,
      active: sendable ? true : random() > 0.02,
      emailOptOut: sendable ? false : random() < 0.01,
    };
    const offset = sendable ? sendable.dueOffset : Math.floor(random() * 120) - 90;
    const dueDate = addDays(RUN_DATE, offset);
    const amountCents = pick(PLANS);
    const status = sendable ? 'open' : random() < 0.1 ? 'paid' : random() < 0.01 ? 'cancelled' : 'open';
    yield [
      customer,
      {
        id: `f${String(i).padStart(6, '0')}`,
        customerId: id,
        billingMethodId: BILLING_METHOD.id,
        number: `2026/${String(i).padStart(6, '0')}`,
        issueDate: addDays(dueDate, -(10 + Math.floor(random() * 10))),
        dueDate,
        amountCents,
        status,
        digitableLine: buildBankLine({
          bankCode: '237',
          dueDate,
          amountCents,
          freeField: `338109${String(i).padStart(11, '0')}01234560`,
        }),
        pixCode: PIX_BY_PLAN.get(amountCents)!,
        pdfPath: null,
      },
    ];
  }
}

/** A data dir holding the settings (imported the way staff import them) and the dataset. */
export async function writeDataDir(dataDir: string, dataset: Dataset, smtpPort: number, validate: boolean) {
  const app = await createEngine({ dataDir, retry: RETRY });
  try {
    const doc = validate
      ? { ...settingsDocument(smtpPort), customers: dataset.customers, invoices: dataset.invoices }
      : settingsDocument(smtpPort);
    await app.update((tx) => {
      const checked = checkDocument(doc, tx, app.layouts);
      if (!checked.doc) throw new Error(`bench document rejected: ${JSON.stringify(checked.errors[0])}`);
      applyDocument(checked.doc, tx);
      // 100k rows through zod only measures zod; the generator already produces valid rows.
      if (!validate) {
        tx.upsertCustomers(dataset.customers);
        tx.upsertInvoices(dataset.invoices);
      }
    });
  } finally {
    await app.close();
  }
}
