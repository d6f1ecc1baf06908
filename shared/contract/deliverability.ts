// What the screens learn about an account's deliverability: its DKIM key and record, the check of
// its sender domain's SPF/DKIM/DMARC, and its bounce mailbox (Caixa para retornos).
import { z } from 'zod';
import type { MailCheck } from './mail';
import { bounceMailboxSchema, dkimSelector } from '../domain';
import { byId, method } from './method';

/** A DNS record to publish, exactly as the DNS panel asks for it. */
export interface DnsRecordView {
  type: 'TXT';
  name: string;
  value: string;
}

export interface DkimView {
  selector: string;
  /** The domain the messages are signed for (the sender address's). */
  domain: string;
  /** The record to publish for this key. */
  record: DnsRecordView | null;
  /** The private key is on this computer (else the messages go unsigned). */
  hasPrivateKey: boolean;
  createdAt: string | null;
}

export type BounceMailboxView = Omit<z.infer<typeof bounceMailboxSchema>, 'password'> & {
  hasPassword: boolean;
};

/** The last reading of an account's bounce mailbox in this program's run. */
export interface BounceReadStatus {
  at: string;
  ok: boolean;
  /** In Portuguese: what was read, or what went wrong. */
  message: string;
  /** Bounces of our notices recorded by that reading. */
  recorded: number;
}

/** ok: nothing to do; warning: works, could be better; missing: not published; wrong: published but not right; error: could not be checked. */
export type CheckState = 'ok' | 'warning' | 'missing' | 'wrong' | 'error';

export interface DomainCheckItem {
  kind: 'spf' | 'dkim' | 'dmarc';
  state: CheckState;
  /** What is right or wrong, for a clerk. */
  summary: string;
  /** What to publish to fix it, when something must be published. */
  publish: DnsRecordView | null;
  /** The records found, for the "Detalhes" toggle. */
  found: string[];
  /** Technical detail (resolver errors, SPF evaluation), for the "Detalhes" toggle. */
  detail: string | null;
}

export interface DomainCheck {
  domain: string;
  checkedAt: string;
  /** Every item ok (warnings included). */
  ok: boolean;
  /** One sentence on the whole. */
  summary: string;
  items: DomainCheckItem[];
}

const accountId = z.string().min(1, 'informe a conta');

export const deliverabilityContract = {
  /** Makes a new RSA 2048 key for the account (a new selector unless one is given). */
  'smtp.dkim.generate': method<DkimView>()(
    z.strictObject({ id: accountId, selector: dkimSelector.nullish() }),
  ),
  /** Imports a private key in PEM (PKCS#1 or PKCS#8, RSA ≥ 1024 bits). */
  'smtp.dkim.import': method<DkimView>()(
    z.strictObject({
      id: accountId,
      selector: dkimSelector,
      privateKey: z.string({ error: 'cole a chave privada' }).min(1, 'cole a chave privada').max(20_000),
    }),
  ),
  /** Stops signing and forgets the key. */
  'smtp.dkim.remove': method<void>()(byId),
  /** Looks up the sender domain's SPF, DKIM and DMARC records and says what is missing. */
  'smtp.checkDomain': method<DomainCheck>()(byId),
  /**
   * Connects to a bounce mailbox as the form has it now; a blank password uses the one stored for
   * the account `id` (when editing).
   */
  'smtp.bounces.test': method<MailCheck>()(
    z.strictObject({
      id: z.string().nullish(),
      mailbox: bounceMailboxSchema,
      allowSelfSigned: z.boolean().default(false),
    }),
  ),
  /** Reads the account's bounce mailbox now. */
  'smtp.bounces.read': method<BounceReadStatus>()(byId),
};
