// The `regua/v1` interchange document: import merges by id, all or nothing; export prints the store.
import { resolve } from 'node:path';
import { pdfPathProblem } from './pdf-files';
import { z } from 'zod';
import {
  billingMethodSchema,
  companySchema,
  customerSchema,
  emailLayoutSchema,
  holidaySchema,
  invoiceSchema,
  routineSchema,
  smtpAccountSchema,
  type Settings,
  type SmtpAccount,
} from '../../shared/domain';
import { keptBounceMarks } from '../../shared/recipients';
import { DkimKeyError, importDkimKey } from './deliverability/dkim';
import type { LayoutRegistry } from './layout-registry';
import { validateLayout } from './layouts';
import { secretName, type ReadStore, type StoreTx } from './store/store';
import type { DocumentError, ImportSummary } from '../../shared/records';
export type { DocumentError, ImportSummary };

export const FORMAT = 'regua/v1';

export const documentSchema = z.strictObject({
  format: z.literal(FORMAT, { error: `formato deve ser "${FORMAT}"` }),
  company: companySchema.optional(),
  smtpAccounts: z.array(smtpAccountSchema).optional(),
  layouts: z.array(emailLayoutSchema).optional(),
  billingMethods: z.array(billingMethodSchema).optional(),
  routines: z.array(routineSchema).optional(),
  holidays: z.array(holidaySchema).optional(),
  customers: z.array(customerSchema).optional(),
  invoices: z.array(invoiceSchema).optional(),
});
export type InterchangeDocument = z.infer<typeof documentSchema>;

export function formatPath(path: readonly PropertyKey[]): string {
  return (
    path.reduce<string>(
      (acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)),
      '',
    ) || '(documento)'
  );
}

const mergeById = <T extends { id: string }>(current: readonly T[], incoming: readonly T[] | undefined) => {
  const byId = new Map(current.map((x) => [x.id, x]));
  for (const item of incoming ?? []) byId.set(item.id, item);
  return [...byId.values()];
};

/** Validates shape, duplicates inside the document and every reference against the merged store. */
export function checkDocument(
  input: unknown,
  store: Pick<ReadStore, 'settings' | 'customer'>,
  layouts: LayoutRegistry,
): { doc?: InterchangeDocument; errors: DocumentError[] } {
  const parsed = documentSchema.safeParse(input);
  if (!parsed.success)
    return { errors: parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })) };
  const doc = parsed.data;
  const errors: DocumentError[] = [];
  const add = (path: string, message: string) => errors.push({ path, message });

  for (const key of [
    'smtpAccounts',
    'layouts',
    'billingMethods',
    'routines',
    'customers',
    'invoices',
  ] as const) {
    const seen = new Set<string>();
    (doc[key] ?? []).forEach((item, i) => {
      if (seen.has(item.id)) add(`${key}[${i}].id`, `id repetido no documento: ${item.id}`);
      seen.add(item.id);
    });
  }
  const holidayDates = new Set<string>();
  doc.holidays?.forEach((h, i) => {
    if (holidayDates.has(h.date))
      add(`holidays[${i}].date`, `data de feriado repetida no documento: ${h.date}`);
    holidayDates.add(h.date);
  });
  doc.layouts?.forEach((layout, i) =>
    validateLayout(layout).forEach((p) => add(`layouts[${i}].${p.field}`, p.message)),
  );
  doc.smtpAccounts?.forEach((account, i) => {
    const key = account.dkim?.privateKey;
    if (!key) return;
    try {
      // The public key is the private key's, whatever the document says.
      account.dkim!.publicKey = importDkimKey(key).publicKey;
    } catch (e) {
      if (!(e instanceof DkimKeyError)) throw e;
      add(`smtpAccounts[${i}].dkim.privateKey`, e.message);
    }
  });

  const current = store.settings();
  const layoutIds = new Set([...layouts.list().map((l) => l.id), ...(doc.layouts ?? []).map((l) => l.id)]);
  const accountIds = new Set(mergeById(current.smtpAccounts, doc.smtpAccounts).map((a) => a.id));
  const methodIds = new Set(mergeById(current.billingMethods, doc.billingMethods).map((m) => m.id));
  const customerIds = new Set(doc.customers?.map((c) => c.id));

  doc.billingMethods?.forEach((m, i) =>
    m.sendRules.forEach((r, j) => {
      if (!layoutIds.has(r.layoutId))
        add(
          `billingMethods[${i}].sendRules[${j}].layoutId`,
          `layout de e-mail não encontrado: ${r.layoutId}`,
        );
    }),
  );
  const sendRoutineIds = new Set(
    mergeById(current.routines, doc.routines)
      .filter((r) => r.task === 'send_email')
      .map((r) => r.id),
  );
  doc.routines?.forEach((r, i) => {
    if (r.task === 'import_files') {
      if (r.beforeRoutineId && !sendRoutineIds.has(r.beforeRoutineId))
        add(`routines[${i}].beforeRoutineId`, `rotina Enviar Email não encontrada: ${r.beforeRoutineId}`);
      return;
    }
    if (!accountIds.has(r.smtpAccountId))
      add(`routines[${i}].smtpAccountId`, `conta de e-mail não encontrada: ${r.smtpAccountId}`);
    r.billingMethodIds.forEach((id, j) => {
      if (!methodIds.has(id))
        add(`routines[${i}].billingMethodIds[${j}]`, `forma de cobrança não encontrada: ${id}`);
    });
  });
  doc.invoices?.forEach((inv, i) => {
    if (!customerIds.has(inv.customerId) && !store.customer(inv.customerId))
      add(`invoices[${i}].customerId`, `cliente não encontrado: ${inv.customerId}`);
    if (!methodIds.has(inv.billingMethodId))
      add(`invoices[${i}].billingMethodId`, `forma de cobrança não encontrada: ${inv.billingMethodId}`);
  });
  return errors.length ? { errors } : { doc, errors };
}

/**
 * Resolves and checks every invoice `pdfPath` (see pdf-files.ts): relative paths are read from
 * `baseDir`, the imported document's folder (null when it came from the screens). Returns the
 * document with absolute paths, or the problems found, each at its JSON path.
 */
export async function resolvePdfPaths(
  doc: InterchangeDocument,
  baseDir: string | null,
  pdfFolder: string | null | undefined,
): Promise<{ doc: InterchangeDocument; errors: DocumentError[] }> {
  if (!doc.invoices?.some((i) => i.pdfPath)) return { doc, errors: [] };
  const errors: DocumentError[] = [];
  const invoices = await Promise.all(
    doc.invoices.map(async (inv, i) => {
      if (!inv.pdfPath) return inv;
      const problem = await pdfPathProblem(inv.pdfPath, baseDir, pdfFolder);
      if (problem) errors.push({ path: `invoices[${i}].pdfPath`, message: problem });
      return { ...inv, pdfPath: resolve(baseDir ?? '/', inv.pdfPath) };
    }),
  );
  errors.sort((a, b) => a.path.localeCompare(b.path, 'en', { numeric: true }));
  return { doc: { ...doc, invoices }, errors };
}

/** Merges the document into the store through a transaction (inside the engine's `update`). */
export function applyDocument(doc: InterchangeDocument, store: StoreTx): ImportSummary {
  const summary: ImportSummary = { created: {}, updated: {} };
  const count = (key: string, existed: boolean) => {
    const bucket = existed ? summary.updated : summary.created;
    bucket[key] = (bucket[key] ?? 0) + 1;
  };
  const current = store.settings();
  const merge = <T extends { id: string }>(key: string, list: readonly T[], incoming?: readonly T[]) => {
    const ids = new Set(list.map((x) => x.id));
    incoming?.forEach((x) => count(key, ids.has(x.id)));
    return mergeById(list, incoming);
  };
  const passwords: Record<string, string> = {};
  const accounts = doc.smtpAccounts?.map(({ password, ...account }) => {
    if (password) passwords[account.id] = password;
    return account;
  });
  const holidays = new Map(current.holidays.map((h) => [h.date, h]));
  doc.holidays?.forEach((h) => {
    count('holidays', holidays.has(h.date));
    holidays.set(h.date, h);
  });
  const next: Settings = {
    ...current, // what the document has no section for (payments status, import presets…) stays
    company: doc.company ?? current.company,
    smtpAccounts: merge('smtpAccounts', current.smtpAccounts, accounts),
    layouts: merge('layouts', current.layouts, doc.layouts),
    billingMethods: merge('billingMethods', current.billingMethods, doc.billingMethods),
    routines: merge('routines', current.routines, doc.routines),
    holidays: [...holidays.values()].sort((a, b) => a.date.localeCompare(b.date)),
  };
  if (doc.company) count('company', current.company !== null);
  doc.customers?.forEach((c) => count('customers', store.customer(c.id) !== undefined));
  doc.invoices?.forEach((inv) => count('invoices', store.invoice(inv.id) !== undefined));

  // A document that says nothing of bounces keeps the marks of the addresses still there.
  store.upsertCustomers(
    (doc.customers ?? []).map((c) =>
      c.bouncedEmails !== undefined
        ? c
        : { ...c, bouncedEmails: keptBounceMarks(store.customer(c.id)?.bouncedEmails, c.email) },
    ),
  );
  store.upsertInvoices(doc.invoices ?? []);
  if (Object.keys(passwords).length) store.setSmtpPasswords(passwords);
  store.setSettings(next);
  return summary;
}

export function exportDocument(
  store: ReadStore,
  withSecrets: boolean,
): InterchangeDocument & { format: typeof FORMAT } {
  const s = store.settings();
  return {
    format: FORMAT,
    ...(s.company ? { company: s.company } : {}),
    smtpAccounts: s.smtpAccounts.map((a) => (withSecrets ? withAccountSecrets(store, a) : a)),
    layouts: s.layouts,
    billingMethods: s.billingMethods,
    routines: s.routines,
    holidays: s.holidays,
    customers: [...store.customers()],
    invoices: [...store.invoices()],
  };
}

/** An account with its secrets put back where the document carries them (export --with-secrets). */
function withAccountSecrets(store: ReadStore, account: SmtpAccount): SmtpAccount {
  const password = store.smtpPassword(account.id);
  const dkimKey = store.secret(secretName('dkim', account.id));
  const imapPassword = store.secret(secretName('imap', account.id));
  return {
    ...account,
    ...(password ? { password } : {}),
    ...(account.dkim && dkimKey ? { dkim: { ...account.dkim, privateKey: dkimKey } } : {}),
    ...(account.bounceMailbox && imapPassword
      ? { bounceMailbox: { ...account.bounceMailbox, password: imapPassword } }
      : {}),
  };
}
