// Notices sent on purpose by staff: "Enviar por e-mail" on an invoice (a manual notice with a key of
// its own, so it never consumes an automatic one) and "Reenviar" on a failed or uncertain notice (the
// same key, hence the same Message-ID). Both go through deliverNotices, so the ledger records
// `sending` before the SMTP transaction and the outcome after it, exactly as a routine run does.
import { randomUUID } from 'node:crypto';
import {
  DELIVERY_STATUS_LABELS,
  isManualKey,
  manualNoticeKey,
  RESENDABLE_STATUSES,
  type InvoicePreview,
  type SendWarning,
} from '../../shared/contract/records';
import type { Customer, Invoice, Settings, SmtpAccount } from '../../shared/domain';
import { parseEmailList } from '../../shared/email-list';
import type { Notice } from '../../shared/notices';
import type { App } from './app';
import { deliverNotices, type RetryPolicy } from './delivery';
import { invoiceFilename } from './documents';
import type { DeliveryRecord } from './ledger';
import { LayoutError, renderLayout } from './layouts';

export class ManualSendError extends Error {
  constructor(
    readonly code: 'not_found' | 'conflict',
    message: string,
  ) {
    super(message);
    this.name = 'ManualSendError';
  }
}

/** Someone is waiting in front of the screen: at most one quick retry, then the answer. */
const manualRetry = (app: App): RetryPolicy => ({
  attempts: Math.min(2, app.retry.attempts),
  delayMs: Math.min(1000, app.retry.delayMs),
});

/** A manual notice's rule id names the layout it was sent with, so Reenviar can use it again. */
const MANUAL_RULE_PREFIX = 'manual:';

const notFound = (what: string) => new ManualSendError('not_found', `${what} não encontrado(a)`);
const conflict = (message: string) => new ManualSendError('conflict', message);

interface Subject {
  invoice: Invoice;
  customer: Customer;
  settings: Readonly<Settings>;
  billingMethodName: string;
}

function subjectOf(app: App, invoiceId: string): Subject {
  const invoice = app.store.invoice(invoiceId);
  if (!invoice) throw notFound('Fatura');
  const customer = app.store.customer(invoice.customerId);
  if (!customer) throw notFound('Cliente da fatura');
  const settings = app.store.settings();
  const method = settings.billingMethods.find((m) => m.id === invoice.billingMethodId);
  return { invoice, customer, settings, billingMethodName: method?.name ?? '' };
}

export function sendWarnings(invoice: Invoice, customer: Customer): SendWarning[] {
  const { valid, invalid } = parseEmailList(customer.email);
  const warnings: SendWarning[] = [];
  if (customer.emailOptOut)
    warnings.push({ blocking: true, message: 'O cliente optou por não receber e-mails.' });
  if (valid.length === 0)
    warnings.push({ blocking: true, message: 'O cliente não tem e-mail válido cadastrado.' });
  if (invalid.length > 0)
    warnings.push({ blocking: false, message: `Endereços inválidos serão ignorados: ${invalid.join(', ')}` });
  if (!customer.active) warnings.push({ blocking: false, message: 'O cliente está inativo.' });
  if (invoice.status === 'paid') warnings.push({ blocking: false, message: 'Esta fatura já está paga.' });
  if (invoice.status === 'cancelled')
    warnings.push({ blocking: false, message: 'Esta fatura está cancelada.' });
  return warnings;
}

function layoutOf(app: App, layoutId: string) {
  const layout = app.layouts.get(layoutId);
  if (!layout) throw notFound(`Layout de e-mail "${layoutId}"`);
  return layout;
}

export async function previewManualNotice(
  app: App,
  input: { invoiceId: string; layoutId: string },
): Promise<InvoicePreview> {
  const { invoice, customer, settings, billingMethodName } = subjectOf(app, input.invoiceId);
  const layout = layoutOf(app, input.layoutId);
  try {
    const rendered = renderLayout(layout, {
      company: settings.company,
      customer,
      invoice,
      billingMethodName,
      runDate: app.today(),
      attachInvoice: true,
    });
    return {
      ...rendered,
      to: parseEmailList(customer.email).valid,
      attachmentName: invoiceFilename(invoice.number),
      warnings: sendWarnings(invoice, customer),
    };
  } catch (e) {
    if (e instanceof LayoutError) throw conflict(e.message);
    throw e;
  }
}

/** The account asked for; else the one of the routine that sends this notice; else the first one. */
function pickAccount(
  settings: Readonly<Settings>,
  invoice: Invoice,
  requested: string | null | undefined,
  routineId?: string,
): SmtpAccount {
  const byId = (id: string) => settings.smtpAccounts.find((a) => a.id === id);
  if (requested) {
    const account = byId(requested);
    if (!account) throw notFound(`Conta de e-mail "${requested}"`);
    return account;
  }
  const routine =
    settings.routines.find((r) => r.id === routineId) ??
    settings.routines.find(
      (r) =>
        r.active && (r.billingMethodIds.length === 0 || r.billingMethodIds.includes(invoice.billingMethodId)),
    );
  const account = (routine && byId(routine.smtpAccountId)) ?? settings.smtpAccounts[0];
  if (!account)
    throw conflict('Nenhuma conta de e-mail cadastrada: cadastre uma em Configurações > Contas de e-mail.');
  return account;
}

function refuseUnsendable(invoice: Invoice, customer: Customer): string[] {
  const blocking = sendWarnings(invoice, customer).filter((w) => w.blocking);
  if (blocking.length) throw conflict(blocking.map((w) => w.message).join(' '));
  return parseEmailList(customer.email).valid;
}

export async function sendManualNotice(
  app: App,
  input: { invoiceId: string; layoutId: string; smtpAccountId?: string | null },
): Promise<DeliveryRecord> {
  const { invoice, customer, settings } = subjectOf(app, input.invoiceId);
  layoutOf(app, input.layoutId);
  const recipients = refuseUnsendable(invoice, customer);
  const account = pickAccount(settings, invoice, input.smtpAccountId);
  // No DeliveryRecord kind says "manual" yet: keep the kind of the rule that uses this layout, so
  // the record still reads sensibly; the key and the rule id mark it as manual.
  const method = settings.billingMethods.find((m) => m.id === invoice.billingMethodId);
  const rule = method?.sendRules.find((r) => r.layoutId === input.layoutId);
  const notice: Notice = {
    key: manualNoticeKey(invoice.id, app.clock.now().toISOString()),
    invoiceId: invoice.id,
    customerId: customer.id,
    billingMethodId: invoice.billingMethodId,
    ruleId: MANUAL_RULE_PREFIX + input.layoutId,
    kind: rule?.kind ?? 'on_due',
    days: rule?.days ?? 0,
    layoutId: input.layoutId,
    attachInvoice: true,
    dueDate: invoice.dueDate,
    referenceDate: app.today(),
    recipients,
    retry: false,
  };
  return deliverOnPurpose(app, notice, account, 'manual');
}

export async function resendNotice(app: App, key: string): Promise<DeliveryRecord> {
  await app.ledger.sync();
  const last = app.ledger.latest(key);
  if (!last) throw notFound('Envio');
  if (!RESENDABLE_STATUSES.includes(last.status))
    throw conflict(
      `Só é possível reenviar envios que falharam ou ficaram incertos; este está "${DELIVERY_STATUS_LABELS[last.status]}".`,
    );
  const { invoice, customer, settings } = subjectOf(app, last.invoiceId);
  const manual = isManualKey(key);
  if (!manual && invoice.dueDate !== last.dueDate)
    throw conflict(
      'O vencimento da fatura mudou: o aviso foi rearmado para a nova data e sairá pela rotina.',
    );
  if (invoice.status !== 'open')
    throw conflict(
      `A fatura está ${invoice.status === 'paid' ? 'paga' : 'cancelada'}: para enviar mesmo assim, use Enviar por e-mail em Faturas.`,
    );
  const recipients = refuseUnsendable(invoice, customer);
  const method = settings.billingMethods.find((m) => m.id === invoice.billingMethodId);
  const rule = manual
    ? undefined
    : method?.sendRules.find((r) => r.kind === last.kind && r.days === last.days);
  const layoutId = manual ? last.ruleId.slice(MANUAL_RULE_PREFIX.length) : rule?.layoutId;
  if (!layoutId)
    throw conflict(
      'A regra de envio deste aviso não existe mais na forma de cobrança: use Enviar por e-mail em Faturas.',
    );
  layoutOf(app, layoutId);
  const notice: Notice = {
    key,
    invoiceId: invoice.id,
    customerId: customer.id,
    billingMethodId: invoice.billingMethodId,
    ruleId: last.ruleId,
    kind: last.kind,
    days: last.days,
    layoutId,
    attachInvoice: rule?.attachInvoice ?? true,
    dueDate: last.dueDate,
    referenceDate: last.referenceDate,
    recipients,
    retry: false,
  };
  const account = pickAccount(settings, invoice, null, last.routineId);
  return deliverOnPurpose(app, notice, account, last.routineId ?? 'manual');
}

// A double click must not put the same notice on the wire twice.
const inFlight = new Set<string>();

async function deliverOnPurpose(
  app: App,
  notice: Notice,
  account: SmtpAccount,
  routineId: string,
): Promise<DeliveryRecord> {
  const flightKey = `${app.dataDir}\u0000${notice.key}`;
  if (inFlight.has(flightKey)) throw conflict('Este aviso já está sendo enviado.');
  inFlight.add(flightKey);
  try {
    const runDate = app.today();
    await deliverNotices(
      [notice],
      {
        runId: `${runDate}.${isManualKey(notice.key) ? 'manual' : 'resend'}.${randomUUID().slice(0, 8)}`,
        routineId,
        runDate,
        account,
        mailer: app.mailerFor(account.id),
      },
      {
        ledger: app.ledger,
        composer: app.composer,
        clock: app.clock,
        retry: manualRetry(app),
      },
    );
    let latest = app.ledger.latest(notice.key)!;
    // A pending notice is retried by the next routine run with the rule's layout; a manual one
    // must not go out behind staff's back, so it is settled as failed and left to Reenviar.
    if (isManualKey(notice.key) && latest.status === 'pending') {
      await app.ledger.record([
        {
          ...latest,
          status: 'failed',
          at: app.clock.now().toISOString(),
          reason:
            `${latest.reason ?? ''} (envio manual: não é repetido automaticamente; use Reenviar)`.trim(),
        },
      ]);
      latest = app.ledger.latest(notice.key)!;
    }
    return latest;
  } finally {
    inFlight.delete(flightKey);
  }
}
