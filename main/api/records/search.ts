// Search as office staff type it: case and accents ignored ("joao" finds "João"), a CPF/CNPJ found
// with or without its punctuation. Built to scan 100k records per keystroke without copying them.
import type { Customer, Invoice } from '../../../shared/domain';

const NON_ASCII = /[^ -~]/; // anything outside printable ASCII
const MARKS = /\p{M}/gu;

/** Lower case without accents; ASCII text (most ids and numbers) takes the fast path. */
export function normalize(text: string): string {
  const lower = text.toLowerCase();
  return NON_ASCII.test(lower) ? lower.normalize('NFD').replace(MARKS, '') : lower;
}

const digitsOf = (text: string | null | undefined) => (text ?? '').replace(/\D/g, '');
const SEPARATOR = '\u0001';

export interface Query {
  text: string;
  /** Set when the query looks like a document or a number ("123.456.789-09"): its digits. */
  digits: string | null;
}

export function parseQuery(search: string): Query | null {
  const text = normalize(search.trim());
  if (text === '') return null;
  const digits = /^[\d.\-/\s]+$/.test(text) ? digitsOf(text) : '';
  return { text, digits: digits.length >= 3 ? digits : null };
}

// Customers are few next to invoices but searched on every invoice query: their haystack is kept
// per object, so an upserted customer (a new object) is indexed afresh without invalidation.
const customerHaystacks = new WeakMap<Customer, string>();

function customerHaystack(c: Customer): string {
  let hay = customerHaystacks.get(c);
  if (hay === undefined) {
    hay = [normalize(c.name), digitsOf(c.document), normalize(c.email ?? ''), normalize(c.id)].join(
      SEPARATOR,
    );
    customerHaystacks.set(c, hay);
  }
  return hay;
}

export function customerMatches(c: Customer, q: Query): boolean {
  const hay = customerHaystack(c);
  return hay.includes(q.text) || (q.digits !== null && hay.includes(q.digits));
}

export function invoiceMatches(inv: Invoice, q: Query): boolean {
  const hay = normalize(inv.number) + SEPARATOR + normalize(inv.id);
  return hay.includes(q.text) || (q.digits !== null && digitsOf(inv.number).includes(q.digits));
}

/** Ids of the customers a query finds, computed once per request and shared by every invoice. */
export function matchingCustomerIds(customers: readonly Customer[], q: Query): Set<string> {
  const ids = new Set<string>();
  for (const c of customers) if (customerMatches(c, q)) ids.add(c.id);
  return ids;
}

export function textMatches(text: string | null | undefined, q: Query): boolean {
  return !!text && normalize(text).includes(q.text);
}
