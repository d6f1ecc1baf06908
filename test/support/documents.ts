// Builders for regua/v1 documents used across tests.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testLine } from './payment-codes';

type Json = Record<string, unknown>;

export function baseDocument(smtpPort: number, overrides: Json = {}): Json {
  return {
    format: 'regua/v1',
    company: {
      name: 'Provedor Exemplo Ltda',
      document: '12.345.678/0001-95',
      email: 'financeiro@provedor.example',
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
        fromName: 'Provedor Exemplo',
        fromAddress: 'cobranca@provedor.example',
      },
    ],
    billingMethods: [
      {
        id: 'boleto',
        name: 'Boleto Bancário',
        sendRules: [{ id: 'r1', kind: 'after_due', days: 13, layoutId: 'boleto-apos-vencimento' }],
      },
    ],
    routines: [
      {
        id: 'diaria',
        description: 'Envio de faturas',
        task: 'send_email',
        schedule: { frequency: 'daily', time: '08:10:00' },
        runOnHolidays: true,
        smtpAccountId: 'principal',
      },
    ],
    customers: [{ id: 'c1', name: 'Maria da Silva', email: 'maria@cliente.example' }],
    invoices: [invoice('f1', { dueDate: '2021-02-20', issueDate: '2021-02-01' })],
    ...overrides,
  };
}

/**
 * An invoice of the test documents. It carries a valid linha digitável for its own amount and due date
 * (an invoice with no way to pay is never sent); pass `digitableLine: null` for one without.
 */
export function invoice(id: string, fields: Json = {}): Json {
  const base: Json = {
    id,
    customerId: 'c1',
    billingMethodId: 'boleto',
    number: `N-${id}`,
    issueDate: '2021-02-01',
    dueDate: '2021-02-20',
    amountCents: 9990,
    ...fields,
  };
  if ('digitableLine' in fields) return base;
  return { ...base, digitableLine: lineFor(base.dueDate, base.amountCents) };
}

/** A linha digitável for these values, or none when no boleto can carry them (bad date, huge amount). */
function lineFor(dueDate: unknown, amountCents: unknown): string | undefined {
  try {
    return testLine(String(dueDate), Number(amountCents));
  } catch {
    return undefined;
  }
}

export async function tempDir(prefix = 'regua-test-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

export async function writeDocument(dir: string, doc: Json, name = 'doc.json'): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, JSON.stringify(doc, null, 2));
  return file;
}
