// Files as offices have them, for the import tests: a Windows-1252 ";" CSV of open boletos with
// the customer's columns beside each invoice (the report most ERPs export), and its snapshot.
import { buildBankLine, buildPixCode } from '../../shared/br';
import type { Customer, Invoice } from '../../shared/domain';
import { snapshotOf, type ImportSnapshot, type PlannedImport } from '../../main/services/import';

export const INVOICE_HEADER = [
  'Código do cliente',
  'Razão social',
  'CPF/CNPJ',
  'E-mail',
  'Celular',
  'Nº documento',
  'Emissão',
  'Vencimento',
  'Valor',
  'Nosso número',
  'Linha digitável',
  'Forma de cobrança',
  'Situação',
];

export interface InvoiceLine {
  code: string;
  name: string;
  document: string;
  email: string;
  phone: string;
  number: string;
  issue: string;
  due: string;
  amountCents: number;
  nossoNumero: string;
  line: string;
  method: string;
  status: string;
}

const br = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const money = (cents: number) =>
  `${Math.floor(cents / 100).toLocaleString('pt-BR')},${String(cents % 100).padStart(2, '0')}`;

export function invoiceLine(i: number, over: Partial<InvoiceLine> = {}): InvoiceLine {
  const due = over.due ?? `2026-0${3 + (i % 6)}-${String(1 + (i % 28)).padStart(2, '0')}`;
  const amountCents = over.amountCents ?? 7990 + (i % 5) * 1000;
  const nossoNumero = String(100000 + i).padStart(11, '0');
  return {
    code: `CLI${i}`,
    name: i % 7 === 0 ? `José da Conceição ${i}` : `Cliente Número ${i}`,
    document: '',
    email: `cliente${i}@provedor.example`,
    phone: '(11) 98765-4321',
    number: `F${i}`,
    issue: '2026-02-20',
    due,
    amountCents,
    nossoNumero,
    line: buildBankLine({
      bankCode: '237',
      dueDate: due,
      amountCents,
      freeField: `338109${nossoNumero}01234560`,
    }),
    method: 'Boleto Bancário',
    status: 'Em aberto',
    ...over,
  };
}

export function invoicesCsv(lines: InvoiceLine[], header = INVOICE_HEADER): string {
  const rows = lines.map((l) =>
    [
      l.code,
      l.name,
      l.document,
      l.email,
      l.phone,
      l.number,
      br(l.issue),
      br(l.due),
      money(l.amountCents),
      l.nossoNumero,
      l.line,
      l.method,
      l.status,
    ].join(';'),
  );
  return `${[header.join(';'), ...rows].join('\r\n')}\r\n`;
}

/** Windows-1252 bytes; the letters used here (é, ç, ã, º…) are where 1252 and Latin-1 agree. */
export function windows1252(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0xff || (code >= 0x80 && code < 0xa0)) throw new Error(`not in Windows-1252 here: ${text[i]}`);
    bytes[i] = code;
  }
  return bytes;
}

export const PIX = buildPixCode({
  key: 'financeiro@provedor.example',
  merchantName: 'PROVEDOR',
  merchantCity: 'SAO PAULO',
});

export const BILLING_METHODS = [
  { id: 'boleto', name: 'Boleto Bancário' },
  { id: 'pix', name: 'PIX' },
];

/** A store of customers and invoices, and applying a plan to it (upsert by id). */
export function store(customers: Customer[] = [], invoices: Invoice[] = []) {
  const data = {
    customers: new Map(customers.map((c) => [c.id, c])),
    invoices: new Map(invoices.map((i) => [i.id, i])),
  };
  return {
    snapshot: (): ImportSnapshot =>
      snapshotOf({
        customers: [...data.customers.values()],
        invoices: [...data.invoices.values()],
        billingMethods: BILLING_METHODS,
      }),
    apply(plan: PlannedImport) {
      for (const c of plan.customers) data.customers.set(c.id, c);
      for (const i of plan.invoices) data.invoices.set(i.id, i);
    },
    customers: () => [...data.customers.values()],
    invoices: () => [...data.invoices.values()],
  };
}
