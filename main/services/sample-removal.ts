// "Remover dados de exemplo": what loading the sample added is recorded in the settings
// (SampleRecord); removing takes out exactly that, inside one store write. Something staff made
// since and that depends on a sample record (their own invoice on the sample's billing method, a
// routine of theirs on the test-mode account) keeps that record, and the answer says so.
import type { SampleRecord, Settings } from '../../shared/domain';
import type { InterchangeDocument } from './interchange';
import type { StoreTx } from './store/store';

/** What the sample document adds to a store whose settings were `before` (run before applying it). */
export function sampleRecord(
  doc: InterchangeDocument,
  before: Settings,
  existed: { customer(id: string): unknown; invoice(id: string): unknown },
  loadedAt: string,
): SampleRecord {
  const added = <T extends { id: string }>(incoming: readonly T[] | undefined, current: readonly T[]) =>
    (incoming ?? []).filter((x) => !current.some((c) => c.id === x.id)).map((x) => x.id);
  return {
    loadedAt,
    customerIds: (doc.customers ?? []).filter((c) => !existed.customer(c.id)).map((c) => c.id),
    invoiceIds: (doc.invoices ?? []).filter((i) => !existed.invoice(i.id)).map((i) => i.id),
    billingMethodIds: added(doc.billingMethods, before.billingMethods),
    routineIds: added(doc.routines, before.routines),
    smtpAccountIds: added(doc.smtpAccounts, before.smtpAccounts),
    company: before.company ? null : (doc.company ?? null),
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function removeSample(
  tx: StoreTx,
  record: SampleRecord,
): { removed: Record<string, number>; kept: string[] } {
  const kept: string[] = [];
  const invoiceIds = record.invoiceIds.filter((id) => tx.invoice(id));
  tx.removeInvoices(invoiceIds);
  const remaining = tx.invoices();
  const customersInUse = new Set(remaining.map((i) => i.customerId));
  const methodsInUse = new Set(remaining.map((i) => i.billingMethodId));

  const customerIds = record.customerIds.filter((id) => tx.customer(id));
  const keptCustomers = customerIds.filter((id) => customersInUse.has(id));
  tx.removeCustomers(customerIds.filter((id) => !customersInUse.has(id)));
  if (keptCustomers.length) kept.push(`${keptCustomers.length} cliente(s) do exemplo, que têm faturas suas`);

  const settings = tx.settings();
  const sampleRoutines = new Set(record.routineIds);
  const routines = settings.routines.filter((r) => !sampleRoutines.has(r.id));
  const staffUses = (methodId: string) =>
    routines.some((r) => r.task === 'send_email' && r.billingMethodIds.includes(methodId));
  const billingMethods = settings.billingMethods.filter((m) => {
    if (!record.billingMethodIds.includes(m.id)) return true;
    if (!methodsInUse.has(m.id) && !staffUses(m.id)) return false;
    kept.push(`a forma de cobrança "${m.name}", usada por faturas ou rotinas suas`);
    return true;
  });
  const smtpAccounts = settings.smtpAccounts.filter((a) => {
    if (!record.smtpAccountIds.includes(a.id)) return true;
    if (!routines.some((r) => r.task === 'send_email' && r.smtpAccountId === a.id)) return false;
    kept.push(`a conta de e-mail "${a.name || a.fromName}", usada por rotinas suas`);
    return true;
  });
  const companyChanged = record.company && !same(settings.company, record.company);
  if (companyChanged) kept.push('os dados da empresa, que você alterou');
  tx.setSettings({
    ...settings,
    routines,
    billingMethods,
    smtpAccounts,
    company: record.company && !companyChanged ? null : settings.company,
    sampleData: null,
  });
  return {
    removed: {
      invoices: invoiceIds.length,
      customers: customerIds.length - keptCustomers.length,
      billingMethods: settings.billingMethods.length - billingMethods.length,
      routines: settings.routines.length - routines.length,
      smtpAccounts: settings.smtpAccounts.length - smtpAccounts.length,
      company: record.company && !companyChanged ? 1 : 0,
    },
    kept,
  };
}
