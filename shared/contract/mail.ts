import { z } from 'zod';
import { emailAddress, entityId, smtpAccountSchema, type SmtpAccount } from '../domain';
import type { BounceMailboxView, BounceReadStatus, DkimView } from './deliverability';
import { byId, method, noInput } from './method';

/** An SMTP account as the screens see it: no secret (password, DKIM private key) ever travels back. */
export type SmtpAccountView = Omit<SmtpAccount, 'password' | 'dkim' | 'bounceMailbox'> & {
  hasPassword: boolean;
  dkim: DkimView | null;
  bounceMailbox: BounceMailboxView | null;
  /** The last reading of the bounce mailbox since the program started. */
  bounceStatus: BounceReadStatus | null;
};

export interface InboxMessageSummary {
  id: string;
  receivedAt: string;
  from: string;
  to: string[];
  subject: string;
  attachments: { filename: string; size: number }[];
}
export interface InboxMessage extends InboxMessageSummary {
  html: string;
  text: string;
}

export const TEST_MODE_ACCOUNT_ID = 'modo-teste';

/** How a connection test or a test e-mail went: a message for the clerk, the technical detail apart. */
export interface MailCheck {
  ok: boolean;
  /** What happened and, on failure, what to do; in Portuguese, without codes. */
  message: string;
  /** The server's reply or the system error, for the "Detalhes" toggle. */
  detail?: string | null;
}

/** An account as the form saves it; without `id` it is a new account and main makes one from its name. */
export const smtpSaveSchema = smtpAccountSchema.extend({ id: entityId.nullish() });

export const mailContract = {
  'smtp.list': method<SmtpAccountView[]>()(noInput),
  /**
   * A blank or absent password keeps the stored one (the bounce mailbox's too). The DKIM key is not
   * changed here: see smtp.dkim.* (contract/deliverability.ts).
   */
  'smtp.save': method<SmtpAccountView>()(smtpSaveSchema),
  'smtp.remove': method<void>()(byId),
  'smtp.test': method<MailCheck>()(byId),
  /** The local capture server that stands in for a real SMTP account (modo de teste). */
  'testMode.status': method<{ enabled: boolean; port: number | null; accountId: string }>()(noInput),
  'testMode.enable': method<SmtpAccountView>()(noInput),
  'inbox.list': method<InboxMessageSummary[]>()(noInput),
  'inbox.get': method<InboxMessage>()(byId),
  'inbox.clear': method<void>()(noInput),
  'mail.sendTest': method<MailCheck>()(
    z.strictObject({ smtpAccountId: z.string().min(1, 'escolha a conta de e-mail'), to: emailAddress }),
  ),
};
