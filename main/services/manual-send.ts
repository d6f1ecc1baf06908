// Notices sent on purpose by staff: "Enviar por e-mail" on an invoice (a manual notice with a key of
// its own, so it never consumes an automatic one) and "Reenviar" on a failed or uncertain notice (the
// same key, hence the same Message-ID). Both go through the send lane and deliverNotices, so the
// ledger records `sending` before the SMTP transaction and the outcome after it, exactly as a
// routine run does, and no other process settles them as interrupted while they are on the wire.
import { randomUUID } from 'node:crypto';
import {
  DELIVERY_STATUS_LABELS,
  manualNoticeKey,
  RESENDABLE_STATUSES,
  type InvoicePreview,
  type SendWarning,
} from '../../shared/contract/records';
import { TEST_MODE_ACCOUNT_ID } from '../../shared/contract/mail';
import {
  isSendRoutine,
  type Customer,
  type EmailLayout,
  type Invoice,
  type Settings,
  type SmtpAccount,
} from '../../shared/domain';
import { hasPaymentMeans, isReminderLayout } from '../../shared/payment-means';
import { recipientsOf } from '../../shared/recipients';
import type { Engine } from '../engine';
import { deliverNotices, type NoticeOrigin, type OutgoingNotice, type RetryPolicy } from './delivery';
import { invoiceFilename } from './documents';
import { withImagesInline } from './inline-images';
import type { DeliveryRecord } from './ledger';
import { LayoutError, renderLayout } from './layouts';
import { LockTimeoutError } from './locks';

type App = Engine;

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
export const manualRetry = (app: App): RetryPolicy => ({
  attempts: Math.min(2, app.retry.attempts),
  delayMs: Math.min(1000, app.retry.delayMs),
});

const notFound = (what: string) => new ManualSendError('not_found', `${what} não encontrado(a)`);
const conflict = (message: string) => new ManualSendError('conflict', message);

interface Subject {
  invoice: Invoice;
  customer: Customer;
  settings: Readonly<Settings>;
  billingMethodName: string;
  boleto: Settings['billingMethods'][number]['boleto'];
}

export function subjectOf(app: App, invoiceId: string): Subject {
  const invoice = app.store.invoice(invoiceId);
  if (!invoice) throw notFound('Fatura');
  const customer = app.store.customer(invoice.customerId);
  if (!customer) throw notFound('Cliente da fatura');
  const settings = app.store.settings();
  const method = settings.billingMethods.find((m) => m.id === invoice.billingMethodId);
  return {
    invoice,
    customer,
    settings,
    billingMethodName: method?.name ?? '',
    boleto: method?.boleto ?? null,
  };
}

export const NO_PAYMENT_MEANS_WARNING =
  'A fatura não tem meio de pagamento (linha digitável, PIX ou PDF próprio): cadastre um deles na fatura ou escolha um layout de lembrete (sem cobrança).';

export const NOT_OPEN_WARNING = {
  paid: 'Esta fatura já está paga: o Régua não envia cobrança de fatura paga. Se o pagamento foi marcado por engano, use Reabrir.',
  cancelled: 'Esta fatura está cancelada: o Régua não envia cobrança de fatura cancelada.',
} as const;

export function sendWarnings(
  invoice: Invoice,
  customer: Customer,
  layout?: EmailLayout,
  attachInvoice = true,
): SendWarning[] {
  const { valid, invalid, bounced } = recipientsOf(customer);
  const warnings: SendWarning[] = [];
  // The same rule as the planner's "sem meio de pagamento": an e-mail asking for payment needs a way to pay.
  if (layout && !isReminderLayout(layout) && !hasPaymentMeans(invoice, attachInvoice))
    warnings.push({ blocking: true, message: NO_PAYMENT_MEANS_WARNING });
  if (customer.emailOptOut)
    warnings.push({ blocking: true, message: 'O cliente optou por não receber e-mails.' });
  for (const mark of bounced)
    warnings.push({
      blocking: false,
      message: `Um aviso anterior voltou: ${mark.reason}. Este endereço fica de fora até o e-mail do cliente ser corrigido em Clientes.`,
    });
  if (valid.length === 0)
    warnings.push({
      blocking: true,
      message: bounced.length
        ? 'O cliente não tem outro e-mail válido: corrija o e-mail em Clientes.'
        : 'O cliente não tem e-mail válido cadastrado.',
    });
  if (invalid.length > 0)
    warnings.push({ blocking: false, message: `Endereços inválidos serão ignorados: ${invalid.join(', ')}` });
  if (!customer.active) warnings.push({ blocking: false, message: 'O cliente está inativo.' });
  // Every layout asks for payment: a paid or cancelled invoice gets none (a receipt would need a layout of its own).
  if (invoice.status !== 'open')
    warnings.unshift({ blocking: true, message: NOT_OPEN_WARNING[invoice.status] });
  return warnings;
}

export function layoutOf(app: App, layoutId: string) {
  const layout = app.layouts.get(layoutId);
  if (!layout) throw notFound('Layout de e-mail');
  return layout;
}

export async function previewManualNotice(
  app: App,
  input: { invoiceId: string; layoutId: string },
): Promise<InvoicePreview> {
  const { invoice, customer, settings, billingMethodName, boleto } = subjectOf(app, input.invoiceId);
  const layout = layoutOf(app, input.layoutId);
  try {
    const context = {
      company: settings.company,
      customer,
      invoice,
      billingMethodName,
      boleto,
      runDate: app.today(),
      attachInvoice: true,
    };
    const rendered = renderLayout(layout, context);
    return {
      ...rendered,
      html: await withImagesInline(rendered.html, context),
      to: recipientsOf(customer).valid,
      attachmentName: invoiceFilename(invoice.number),
      warnings: sendWarnings(invoice, customer, layout),
    };
  } catch (e) {
    if (e instanceof LayoutError) throw conflict(e.message);
    throw e;
  }
}

/** The account asked for; else the one of the routine that sends this notice; else the first one. */
export function pickAccount(
  settings: Readonly<Settings>,
  invoice: Invoice,
  requested: string | null | undefined,
  routineId?: string,
): SmtpAccount {
  const byId = (id: string) => settings.smtpAccounts.find((a) => a.id === id);
  if (requested) {
    const account = byId(requested);
    if (!account) throw notFound('Conta de e-mail');
    return account;
  }
  const sending = settings.routines.filter(isSendRoutine);
  const routine =
    sending.find((r) => r.id === routineId) ??
    sending.find(
      (r) =>
        r.active && (r.billingMethodIds.length === 0 || r.billingMethodIds.includes(invoice.billingMethodId)),
    );
  const account = (routine && byId(routine.smtpAccountId)) ?? settings.smtpAccounts[0];
  if (!account)
    throw conflict('Nenhuma conta de e-mail cadastrada: cadastre uma em Configurações > Contas de e-mail.');
  return account;
}

function refuseUnsendable(
  invoice: Invoice,
  customer: Customer,
  layout: EmailLayout,
  attachInvoice: boolean,
): string[] {
  const blocking = sendWarnings(invoice, customer, layout, attachInvoice).filter((w) => w.blocking);
  if (blocking.length) throw conflict(blocking.map((w) => w.message).join(' '));
  return recipientsOf(customer).valid;
}

export interface PurposeNotice extends OutgoingNotice {
  origin: NoticeOrigin;
}

export async function sendManualNotice(
  app: App,
  input: { invoiceId: string; layoutId: string; smtpAccountId?: string | null },
): Promise<DeliveryRecord> {
  await app.refresh();
  const { invoice, customer, settings } = subjectOf(app, input.invoiceId);
  const recipients = refuseUnsendable(invoice, customer, layoutOf(app, input.layoutId), true);
  const account = pickAccount(settings, invoice, input.smtpAccountId);
  const mode = account.id === TEST_MODE_ACCOUNT_ID ? ('test' as const) : ('live' as const);
  const key = manualNoticeKey(invoice.id, app.clock.now().toISOString());
  const notice: PurposeNotice = {
    key: mode === 'test' ? `${key}|test` : key,
    invoiceId: invoice.id,
    customerId: customer.id,
    layoutId: input.layoutId,
    attachInvoice: true,
    dueDate: invoice.dueDate,
    recipients,
    ...(mode === 'test' ? { mode } : {}),
    origin: { origin: 'manual', layoutId: input.layoutId },
  };
  return deliverOnPurpose(app, notice, account, undefined);
}

export async function resendNotice(app: App, key: string): Promise<DeliveryRecord> {
  await app.refresh();
  const last = app.ledger.latest(key);
  if (!last) throw notFound('Envio');
  if (!RESENDABLE_STATUSES.includes(last.status))
    throw conflict(
      `Só é possível reenviar envios que falharam, ficaram incertos ou foram devolvidos; este está "${DELIVERY_STATUS_LABELS[last.status]}".`,
    );
  const { invoice, customer, settings } = subjectOf(app, last.invoiceId);
  if (last.origin === 'rule' && invoice.dueDate !== last.dueDate)
    throw conflict(
      'O vencimento da fatura mudou: o aviso foi rearmado para a nova data e sairá pela rotina.',
    );
  if (invoice.status !== 'open') throw conflict(NOT_OPEN_WARNING[invoice.status]);
  const method = settings.billingMethods.find((m) => m.id === invoice.billingMethodId);
  const rule =
    last.origin === 'rule'
      ? method?.sendRules.find((r) => r.kind === last.kind && r.days === last.days)
      : undefined;
  const layoutId = last.origin === 'manual' ? last.layoutId : rule?.layoutId;
  if (!layoutId)
    throw conflict(
      'A regra de envio deste aviso não existe mais na forma de cobrança: use Enviar por e-mail em Faturas.',
    );
  const recipients = refuseUnsendable(
    invoice,
    customer,
    layoutOf(app, layoutId),
    rule?.attachInvoice ?? true,
  );
  const notice: PurposeNotice = {
    key,
    invoiceId: invoice.id,
    customerId: customer.id,
    layoutId,
    attachInvoice: rule?.attachInvoice ?? true,
    dueDate: last.dueDate,
    recipients,
    ...(last.mode === 'test' ? { mode: 'test' as const } : {}),
    origin:
      last.origin === 'rule'
        ? {
            origin: 'rule',
            ruleId: last.ruleId,
            kind: last.kind,
            days: last.days,
            referenceDate: last.referenceDate,
          }
        : { origin: 'manual', layoutId },
  };
  // The same destination as before: a test-mode notice is resent to the test mode, a real one to a real account.
  const account =
    last.mode === 'test'
      ? (settings.smtpAccounts.find((a) => a.id === TEST_MODE_ACCOUNT_ID) ??
        pickAccount(settings, invoice, null, last.routineId))
      : pickAccount(
          settings,
          invoice,
          last.accountId && last.accountId !== TEST_MODE_ACCOUNT_ID ? last.accountId : null,
          last.routineId,
        );
  return deliverOnPurpose(app, notice, account, last.routineId);
}

/**
 * Sends notices on purpose (Enviar por e-mail, Reenviar, a bulk send) inside a hold of the send lane.
 * A pending notice is retried by the next routine run with the rule's layout; a manual one must not
 * go out behind staff's back, so it is settled as failed and left to Reenviar.
 */
export async function deliverPurposeNotices(
  app: App,
  notices: PurposeNotice[],
  run: { runId: string; routineId?: string; runDate: string; account: SmtpAccount; signal: AbortSignal },
): Promise<{ fatal: Error | null | undefined }> {
  const { fatal } = await deliverNotices(
    notices,
    { ...run, mailer: app.mailerFor(run.account.id), describe: (n) => n.origin },
    {
      ledger: app.ledger,
      composer: app.composer,
      clock: app.clock,
      retry: manualRetry(app),
      dataDir: app.dataDir,
    },
  );
  if (fatal) return { fatal };
  for (const notice of notices) {
    const latest = app.ledger.latest(notice.key);
    if (notice.origin.origin !== 'manual' || latest?.status !== 'pending') continue;
    await app.ledger.record([
      {
        ...latest,
        status: 'failed',
        at: app.clock.now().toISOString(),
        reason: `${latest.reason ?? ''} (envio manual: não é repetido automaticamente; use Reenviar)`.trim(),
      },
    ]);
  }
  return { fatal };
}

// A double click must not put the same notice on the wire twice.
const inFlight = new Set<string>();

async function deliverOnPurpose(
  app: App,
  notice: PurposeNotice,
  account: SmtpAccount,
  routineId: string | undefined,
): Promise<DeliveryRecord> {
  const flightKey = `${app.dataDir}\u0000${notice.key}`;
  if (inFlight.has(flightKey)) throw conflict('Este aviso já está sendo enviado.');
  inFlight.add(flightKey);
  try {
    return await app.lane.shared(async (signal) => {
      const runDate = app.today();
      const { fatal } = await deliverPurposeNotices(app, [notice], {
        runId: `${runDate}.${notice.origin.origin === 'manual' ? 'manual' : 'resend'}.${randomUUID().slice(0, 8)}`,
        routineId,
        runDate,
        account,
        signal,
      });
      if (fatal) throw fatal;
      return app.ledger.latest(notice.key)!;
    }, 30_000);
  } catch (e) {
    if (e instanceof LockTimeoutError)
      throw conflict(
        'Uma execução de rotina está enviando agora: o envio manual pode ser feito assim que ela terminar.',
      );
    throw e;
  } finally {
    inFlight.delete(flightKey);
  }
}
