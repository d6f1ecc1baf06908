// planImport: what applying a parsed file would change, computed without writing anything.
// Every record it returns is whole and valid under the domain schemas, so the engine only upserts
// by id. Planning the same file against the result of applying it changes nothing ("nada mudou").
import type { z } from 'zod';
import { customerSchema, invoiceSchema, type Customer, type Invoice } from '../../../shared/domain';
import { normalizeHeader } from './cells';
import { documentKey, nossoNumeroKey } from './snapshot';
import { changedRecords as changed } from './record-diff';
import { summarize } from './summary';
import type {
  AppliedPayment,
  CustomerData,
  ImportField,
  ImportRow,
  ImportSnapshot,
  InvoiceData,
  ParsedImport,
  PaymentData,
  PlannedImport,
  PlanOptions,
  RejectedLine,
  RowSource,
  UnknownPayment,
} from './types';

type Outcome<T> = { ok: true; value: T } | { ok: false; rejected: RejectedLine[] };

/** Schema paths → the import field whose column to blame. */
const FIELD_OF_PATH: Record<string, ImportField> = {
  id: 'customerId',
  name: 'customerName',
  document: 'document',
  email: 'email',
  phone: 'phone',
  'address.street': 'street',
  'address.number': 'streetNumber',
  'address.zip': 'zip',
  'address.state': 'state',
  number: 'invoiceNumber',
  issueDate: 'issueDate',
  dueDate: 'dueDate',
  amountCents: 'amount',
  digitableLine: 'digitableLine',
  pixCode: 'pixCode',
  nossoNumero: 'nossoNumero',
};

type Blame = (field: ImportField | undefined, source: RowSource) => { column: string; value: string };

function validate<S extends z.ZodType>(
  schema: S,
  candidate: unknown,
  line: number,
  source: RowSource,
  blame: Blame,
): Outcome<z.output<S>> {
  const parsed = schema.safeParse(candidate);
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    rejected: parsed.error.issues.map((issue) => ({
      line,
      ...blame(FIELD_OF_PATH[issue.path.join('.')], source),
      message: issue.message,
    })),
  };
}

const defined = <T extends object>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

export function planImport(
  snapshot: ImportSnapshot,
  parsed: ParsedImport,
  options: PlanOptions = {},
): PlannedImport {
  const rejected: RejectedLine[] = [...parsed.rejected];
  const blame: Blame = (field, source) =>
    field && source[field] !== undefined
      ? { column: parsed.columnOf[field] ?? '', value: source[field] }
      : { column: '', value: '' };
  const customers = new Map<string, Customer>();
  const invoices = new Map<string, Invoice>();
  const localByDocument = new Map<string, string>();
  const payments: AppliedPayment[] = [];
  const unknownNossoNumeros: UnknownPayment[] = [];
  /** Billing methods of the invoices the file's payments named (applied or already paid). */
  const paymentMethods = new Set<string>();
  let alreadyPaid = 0;

  const currentCustomer = (id: string) => customers.get(id) ?? snapshot.customer(id);
  const currentInvoice = (id: string) => invoices.get(id) ?? snapshot.invoice(id);
  const methods = snapshot.billingMethods;
  const methodByName = new Map(
    methods.flatMap((m) => [
      [normalizeHeader(m.name), m.id],
      [normalizeHeader(m.id), m.id],
    ]),
  );
  const defaultMethod = options.defaultBillingMethodId ?? (methods.length === 1 ? methods[0]!.id : undefined);

  /** The customer a row names, merged with what the row says; not yet committed. */
  function customerFor(data: CustomerData, line: number, source: RowSource): Outcome<Customer> {
    const byDocument = data.document
      ? (localByDocument.get(documentKey(data.document)) ?? snapshot.customerByDocument(data.document)?.id)
      : undefined;
    const id = data.id ?? byDocument ?? (data.document ? documentKey(data.document) : undefined);
    if (!id)
      return {
        ok: false,
        rejected: [{ line, column: '', value: '', message: 'informe o código do cliente ou o CPF/CNPJ' }],
      };
    const existing = currentCustomer(id);
    if (!existing && !data.name) {
      const cell = blame(source.customerId !== undefined ? 'customerId' : 'document', source);
      const message = 'cliente não cadastrado e a linha não traz o nome';
      return { ok: false, rejected: [{ line, ...cell, value: cell.value || id, message }] };
    }
    const { address, ...fields } = data;
    const candidate = {
      ...(existing ?? { active: true, emailOptOut: false }),
      ...defined(fields),
      id,
      ...(address ? { address: { ...existing?.address, ...address } } : {}),
    };
    return validate(customerSchema, candidate, line, source, blame);
  }

  function commitCustomer(customer: Customer) {
    customers.set(customer.id, customer);
    if (customer.document) localByDocument.set(documentKey(customer.document), customer.id);
  }

  function methodFor(
    data: InvoiceData,
    existing: Invoice | undefined,
    line: number,
    source: RowSource,
  ): Outcome<string> {
    if (data.billingMethod) {
      const id = methodByName.get(normalizeHeader(data.billingMethod));
      if (id) return { ok: true, value: id };
      const names = methods.map((m) => m.name).join(', ') || 'nenhuma';
      const message = `forma de cobrança desconhecida no Régua (cadastradas: ${names})`;
      return { ok: false, rejected: [{ line, ...blame('billingMethod', source), message }] };
    }
    const id = existing?.billingMethodId ?? defaultMethod;
    if (id) return { ok: true, value: id };
    return {
      ok: false,
      rejected: [
        {
          line,
          column: '',
          value: '',
          message: `informe a forma de cobrança: o arquivo não tem a coluna e há ${methods.length} cadastradas`,
        },
      ],
    };
  }

  function invoiceRow(row: Extract<ImportRow, { type: 'invoices' }>) {
    const { invoice: data, line, source } = row;
    if (!data.id) return void rejected.push({ line, column: '', value: '', message: 'fatura sem número' });
    const existing = currentInvoice(data.id);
    const customer = customerFor(
      { ...data.customer, id: data.customer.id ?? existing?.customerId },
      line,
      source,
    );
    const method = methodFor(data, existing, line, source);
    const problems = [customer, method].flatMap((o) => (o.ok ? [] : o.rejected));
    if (!customer.ok || !method.ok) return void rejected.push(...problems);

    const dueDate = data.dueDate ?? existing?.dueDate;
    const issueDate =
      data.issueDate ??
      existing?.issueDate ??
      (options.today && dueDate && options.today <= dueDate ? options.today : dueDate);
    const wasPaid = existing?.status === 'paid';
    // A payment already recorded (bank retorno, staff) is not undone by an ERP list still showing it open.
    const keepPaid = wasPaid && existing?.payment && data.status !== 'cancelled';
    let status = keepPaid ? 'paid' : (data.status ?? existing?.status ?? 'open');
    let payment = existing?.payment ?? null;
    if (data.payment && !wasPaid) {
      status = 'paid';
      payment = {
        date: data.payment.date,
        amountCents: data.payment.amountCents,
        source: 'file',
        reference: `${parsed.fileName} linha ${line}`,
      };
    } else if (data.payment && wasPaid) alreadyPaid++;
    const candidate = {
      ...existing,
      id: data.id,
      customerId: customer.value.id,
      billingMethodId: method.value,
      number: data.number ?? existing?.number ?? data.id,
      issueDate,
      dueDate,
      amountCents: data.amountCents ?? existing?.amountCents,
      status,
      digitableLine: data.digitableLine ?? existing?.digitableLine ?? null,
      pixCode: data.pixCode ?? existing?.pixCode ?? null,
      nossoNumero: data.nossoNumero ?? existing?.nossoNumero ?? null,
      payment,
      pdfPath: existing?.pdfPath ?? null,
    };
    const invoice = validate(invoiceSchema, candidate, line, source, blame);
    if (!invoice.ok) return void rejected.push(...invoice.rejected);
    commitCustomer(customer.value);
    invoices.set(invoice.value.id, invoice.value);
    if (data.payment) paymentMethods.add(invoice.value.billingMethodId);
    if (status === 'paid' && !wasPaid && invoice.value.payment)
      payments.push({ invoiceId: invoice.value.id, line, payment: invoice.value.payment });
  }

  function paymentRow(line: number, data: PaymentData) {
    const key = data.nossoNumero ? nossoNumeroKey(data.nossoNumero) : '';
    const found =
      (data.invoiceId ? currentInvoice(data.invoiceId) : undefined) ??
      (key
        ? (snapshot.invoiceByNossoNumero(key) ??
          (key.length > 1 ? snapshot.invoiceByNossoNumero(key.slice(0, -1)) : undefined))
        : undefined);
    if (!found) {
      unknownNossoNumeros.push({
        line,
        nossoNumero: data.nossoNumero ?? data.invoiceId ?? '',
        date: data.date,
        amountCents: data.amountCents,
      });
      return;
    }
    const current = currentInvoice(found.id)!;
    paymentMethods.add(current.billingMethodId);
    if (current.status === 'paid') return void alreadyPaid++;
    const payment = {
      date: data.date,
      amountCents: data.amountCents,
      source: data.source,
      reference: data.reference,
    };
    const updated = validate(invoiceSchema, { ...current, status: 'paid', payment }, line, {}, blame);
    if (!updated.ok) return void rejected.push(...updated.rejected);
    invoices.set(current.id, updated.value);
    payments.push({ invoiceId: current.id, line, payment: updated.value.payment! });
  }

  for (const row of parsed.rows) {
    if (row.type === 'customers') {
      const customer = customerFor(row.customer, row.line, row.source);
      if (customer.ok) commitCustomer(customer.value);
      else rejected.push(...customer.rejected);
    } else if (row.type === 'invoices') invoiceRow(row);
    else paymentRow(row.line, row.payment);
  }

  const c = changed(customers, (id) => snapshot.customer(id));
  const i = changed(invoices, (id) => snapshot.invoice(id));
  const counts = { customers: c.counts, invoices: i.counts, paid: payments.length, alreadyPaid };
  // Only the valid lines, when asked: but a file without one valid line is refused all the same (a
  // scheduled import must not take "nothing landed" for a success).
  const validLinesLand =
    options.onlyValid === true && anyLineRead(counts, unknownNossoNumeros.length + parsed.occurrences.length);
  const applicable = rejected.length === 0 || validLinesLand;
  rejected.sort((a, b) => a.line - b.line);
  return {
    customers: applicable ? c.out : [],
    invoices: applicable ? i.out : [],
    payments: applicable ? payments : [],
    counts,
    rejected,
    unknownNossoNumeros,
    occurrences: parsed.occurrences,
    paymentMethodIds: [...paymentMethods],
    applicable,
    summary: summarize(counts, rejected, unknownNossoNumeros.length, applicable, options.onlyValid === true),
  };
}

/** Whether any line was read as good: written, already as the file says, or a payment or occurrence to report. */
function anyLineRead(counts: PlannedImport['counts'], reported: number): boolean {
  const { customers, invoices } = counts;
  const entities = [customers, invoices].reduce((sum, c) => sum + c.created + c.updated + c.unchanged, 0);
  return entities + counts.paid + counts.alreadyPaid + reported > 0;
}
