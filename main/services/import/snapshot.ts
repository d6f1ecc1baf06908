// Read access to what is stored, as planImport needs it. The engine may implement ImportSnapshot
// over its store; snapshotOf builds one from plain arrays (tests, previews).
import type { BillingMethod, Customer, Invoice } from '../../../shared/domain';
import type { ImportSnapshot } from './types';

/** CPF/CNPJ without punctuation, letters upper-cased: how documents are matched. */
export const documentKey = (document: string): string => document.replace(/[^0-9A-Za-z]/g, '').toUpperCase();

/** Nosso número as digits without leading zeros: banks pad it differently in each file. */
export const nossoNumeroKey = (value: string): string => value.replace(/\D/g, '').replace(/^0+(?=\d)/, '');

export function snapshotOf(data: {
  customers: readonly Customer[];
  invoices: readonly Invoice[];
  billingMethods: readonly Pick<BillingMethod, 'id' | 'name'>[];
}): ImportSnapshot {
  const customers = new Map(data.customers.map((c) => [c.id, c]));
  const byDocument = new Map<string, Customer>();
  for (const c of data.customers) if (c.document) byDocument.set(documentKey(c.document), c);
  const invoices = new Map(data.invoices.map((i) => [i.id, i]));
  const byNossoNumero = new Map<string, Invoice>();
  for (const i of data.invoices) if (i.nossoNumero) byNossoNumero.set(nossoNumeroKey(i.nossoNumero), i);
  return {
    customer: (id) => customers.get(id),
    customerByDocument: (document) => byDocument.get(documentKey(document)),
    invoice: (id) => invoices.get(id),
    invoiceByNossoNumero: (n) => byNossoNumero.get(nossoNumeroKey(n)),
    billingMethods: data.billingMethods.map(({ id, name }) => ({ id, name })),
  };
}
