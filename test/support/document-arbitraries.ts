// regua/v1 documents for the property tests: random valid ones (the base settings, holidays,
// customers with CPF/CNPJ and e-mail, their invoices with a matching linha digitável and PIX), the
// same with one known fault whose JSON path the refusal must name, and a check that a refusal's
// messages are for a clerk. Shared by the in-process test and the CLI one (test/slow).
import fc from 'fast-check';
import {
  amountCents,
  BAD_EMAILS,
  changeOneDigit,
  corruptTaxId,
  email,
  isoDate,
  personName,
  recordId,
  taxId,
  uniqueBy,
} from './br-arbitraries';
import { baseDocument } from './documents';
import { testLine, testPix } from './payment-codes';
import { clerkMessageProblem } from './portuguese';
import { print, templateArb } from './template-arbitrary';

export type Json = Record<string, unknown>;
export type Doc = Json & { customers: Json[]; invoices: Json[]; holidays: Json[] };

const customerArb = fc.record(
  {
    id: recordId,
    name: personName,
    document: taxId,
    email,
    phone: fc.constantFrom('(11) 98765-4321', '11 3333-4444', '(21) 2222-3333', '+55 31 99876-5432'),
    address: fc.record(
      {
        street: fc.constantFrom('Rua da Conceição', 'Av. Paulista'),
        number: fc.constantFrom('100', 's/n', '12-A'),
        district: fc.constantFrom('Centro', 'Jardim São Paulo'),
        city: fc.constantFrom('São Paulo', 'Belo Horizonte'),
        state: fc.constantFrom('SP', 'MG', 'RJ'),
        zip: fc.constantFrom('01310-100', '01310100', '30130-010'),
      },
      { requiredKeys: [] },
    ),
    active: fc.boolean(),
    emailOptOut: fc.boolean(),
  },
  { requiredKeys: ['id', 'name'] },
);

const plusDays = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const invoiceArb = (customerIds: string[]) =>
  fc
    .record({
      id: recordId,
      customerId: fc.constantFrom(...customerIds),
      number: fc.stringMatching(/^[0-9A-Z/-]{1,12}$/),
      issueDate: isoDate,
      days: fc.integer({ min: 0, max: 60 }),
      amountCents,
      status: fc.constantFrom('open', 'paid', 'cancelled'),
      pix: fc.boolean(),
      ourNumber: fc.nat({ max: 99_999 }),
      nossoNumero: fc.option(fc.stringMatching(/^[0-9]{8,12}$/), { nil: undefined }),
      payment: fc.record({
        days: fc.integer({ min: 0, max: 90 }),
        source: fc.constantFrom('retorno', 'file', 'manual'),
        reference: fc.option(fc.constantFrom('retorno.ret linha 3', 'pago no caixa'), { nil: undefined }),
      }),
    })
    .map(({ days, pix, ourNumber, payment: { days: paidAfter, ...payment }, ...i }) => {
      const dueDate = plusDays(i.issueDate, days);
      return {
        ...i,
        billingMethodId: 'boleto',
        dueDate,
        digitableLine: testLine(dueDate, i.amountCents, ourNumber),
        ...(pix ? { pixCode: testPix(i.amountCents, `T${i.id}`) } : {}),
        ...(i.status === 'paid'
          ? { payment: { ...payment, date: plusDays(i.issueDate, paidAfter), amountCents: i.amountCents } }
          : {}),
      };
    });

/** A valid document: the base settings, random holidays, customers and their invoices. */
export const validDocument: fc.Arbitrary<Doc> = fc
  .tuple(
    uniqueBy(customerArb, (c) => c.id.toLowerCase(), 6).filter((cs) => cs.length > 0),
    uniqueBy(fc.record({ date: isoDate, name: personName, yearly: fc.boolean() }), (h) => h.date, 3),
    fc.string({ minLength: 1, maxLength: 20 }).filter((p) => p.trim() === p && p !== ''),
    personName,
    templateArb(false),
  )
  .chain(([customers, holidays, password, companyName, template]) =>
    uniqueBy(invoiceArb(customers.map((c) => c.id)), (i) => i.id.toLowerCase(), 6)
      .filter((is) => is.length > 0)
      .map((invoices) => {
        const base = baseDocument(2525) as Json & { company: Json; smtpAccounts: Json[] };
        const layout = { id: 'meu-aviso', name: 'Meu aviso', subject: 'Fatura {{fatura.numero}}' };
        return {
          ...base,
          layouts: [{ ...layout, html: `<p>${print(template)}</p>` }],
          company: { ...base.company, name: companyName },
          smtpAccounts: [{ ...base.smtpAccounts[0], password }],
          holidays,
          customers,
          invoices,
        } as Doc;
      }),
  );

/** The same document with its top-level keys in another order (JSON does not order keys). */
export const reordered = (doc: Doc, order: number[]): Json => {
  const keys = Object.keys(doc).sort(
    (a, b) => order[a.length % order.length]! - order[b.length % order.length]! || a.localeCompare(b),
  );
  return Object.fromEntries(keys.map((k) => [k, doc[k]]));
};

export const FAULTS = [
  'removed',
  'wrongType',
  'taxId',
  'email',
  'digitableLine',
  'pix',
  'duplicateId',
  'danglingCustomer',
  'danglingMethod',
  'danglingLayout',
] as const;
export type Fault = (typeof FAULTS)[number];

/** The document with one known fault, and the path the refusal must name. */
export function withFault(original: Doc, fault: Fault, pick: number): { doc: Doc; path: string } {
  const doc = structuredClone(original);
  const c = pick % doc.customers.length;
  const i = pick % doc.invoices.length;
  const customer = doc.customers[c]!;
  const inv = doc.invoices[i]!;
  switch (fault) {
    case 'removed': {
      const [section, index, key] = (
        [
          ['customers', c, 'name'],
          ['customers', c, 'id'],
          ['invoices', i, 'dueDate'],
          ['invoices', i, 'amountCents'],
          ['invoices', i, 'number'],
          ['invoices', i, 'customerId'],
        ] as const
      )[pick % 6]!;
      delete (doc[section][index] as Json)[key];
      return { doc, path: `${section}[${index}].${key}` };
    }
    case 'wrongType': {
      const [section, index, key, value] = (
        [
          ['customers', c, 'name', 42],
          ['customers', c, 'active', 'sim'],
          ['invoices', i, 'amountCents', '99,90'],
          ['invoices', i, 'dueDate', 20210220],
          ['invoices', i, 'status', 'pago'],
        ] as const
      )[pick % 5]!;
      (doc[section][index] as Json)[key] = value;
      return { doc, path: `${section}[${index}].${key}` };
    }
    case 'taxId':
      customer.document = corruptTaxId(String(customer.document ?? '123.456.789-09'));
      return { doc, path: `customers[${c}].document` };
    case 'email':
      customer.email = BAD_EMAILS[pick % BAD_EMAILS.length];
      return { doc, path: `customers[${c}].email` };
    case 'digitableLine':
      inv.digitableLine = changeOneDigit(String(inv.digitableLine), pick);
      return { doc, path: `invoices[${i}].digitableLine` };
    case 'pix':
      inv.pixCode = changeOneDigit(String(inv.pixCode ?? testPix(Number(inv.amountCents))), pick);
      return { doc, path: `invoices[${i}].pixCode` };
    case 'duplicateId':
      if (pick % 2) {
        doc.customers.push({ ...customer, name: 'Outro Nome' });
        return { doc, path: `customers[${doc.customers.length - 1}].id` };
      }
      doc.invoices.push({ ...inv, number: 'OUTRO' });
      return { doc, path: `invoices[${doc.invoices.length - 1}].id` };
    case 'danglingCustomer':
      inv.customerId = 'cliente-que-nao-existe';
      return { doc, path: `invoices[${i}].customerId` };
    case 'danglingMethod':
      inv.billingMethodId = 'carne';
      return { doc, path: `invoices[${i}].billingMethodId` };
    case 'danglingLayout': {
      const methods = doc.billingMethods as { sendRules: Json[] }[];
      methods[0]!.sendRules[0]!.layoutId = 'layout-inexistente';
      return { doc, path: 'billingMethods[0].sendRules[0].layoutId' };
    }
  }
}

/** Problems of a refused outcome's messages (each must be for a clerk and name a path). */
export function messageProblems(errors: { path: string; message: string }[]): string[] {
  if (errors.length === 0) return ['recusado sem erros'];
  return errors.flatMap((e) => {
    const p = clerkMessageProblem(e.message);
    return [...(p ? [`${e.path}: ${p}`] : []), ...(e.path ? [] : ['erro sem caminho'])];
  });
}
