// An SMTP account as the screens see it: no secret travels back, only whether each one is set; the
// DKIM record to publish is computed here, and the bounce mailbox's last reading comes along.
import type { DkimView } from '../../shared/contract/deliverability';
import type { SmtpAccountView } from '../../shared/contract/mail';
import type { SmtpAccount } from '../../shared/domain';
import { dkimRecord, signingDomain } from '../services/deliverability/dkim';
import { secretName } from '../services/store/store';
import type { Engine } from '../engine';

export function dkimView(engine: Engine, account: SmtpAccount): DkimView | null {
  if (!account.dkim) return null;
  const domain = signingDomain(account.fromAddress);
  const { selector, publicKey, createdAt } = account.dkim;
  return {
    selector,
    domain,
    record: publicKey ? dkimRecord(domain, selector, publicKey) : null,
    hasPrivateKey: !!engine.store.secret(secretName('dkim', account.id)),
    createdAt: createdAt ?? null,
  };
}

export function accountView(engine: Engine, account: SmtpAccount): SmtpAccountView {
  const { password: _password, dkim: _dkim, bounceMailbox, ...rest } = account;
  return {
    ...rest,
    hasPassword: !!engine.store.smtpPassword(account.id),
    dkim: dkimView(engine, account),
    bounceMailbox: bounceMailbox
      ? {
          host: bounceMailbox.host,
          port: bounceMailbox.port,
          security: bounceMailbox.security,
          user: bounceMailbox.user,
          folder: bounceMailbox.folder,
          hasPassword: !!engine.store.secret(secretName('imap', account.id)),
        }
      : null,
    bounceStatus: engine.bounces.status(account.id),
  };
}
