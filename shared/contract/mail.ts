import { z } from 'zod';
import { emailAddress, smtpAccountSchema, type SmtpAccount } from '../domain';
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

export const mailContract = {
  'smtp.list': method<SmtpAccountView[]>()(noInput),
  /**
   * A blank or absent password keeps the stored one (the bounce mailbox's too). The DKIM key is not
   * changed here: see smtp.dkim.* (contract/deliverability.ts).
   */
  'smtp.save': method<SmtpAccountView>()(smtpAccountSchema),
  'smtp.remove': method<void>()(byId),
  'smtp.test': method<{ ok: boolean; message: string }>()(byId),
  /** The local capture server that stands in for a real SMTP account (modo de teste). */
  'testMode.status': method<{ enabled: boolean; port: number | null; accountId: string }>()(noInput),
  'testMode.enable': method<SmtpAccountView>()(noInput),
  'inbox.list': method<InboxMessageSummary[]>()(noInput),
  'inbox.get': method<InboxMessage>()(byId),
  'inbox.clear': method<void>()(noInput),
  'mail.sendTest': method<{ ok: boolean; message: string }>()(
    z.strictObject({ smtpAccountId: z.string().min(1, 'escolha a conta de e-mail'), to: emailAddress }),
  ),
};
