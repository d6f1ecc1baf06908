// Contas de e-mail, the deliverability part: the account's DKIM key (made here or imported), the
// check of its sender domain (Verificar domínio) and its bounce mailbox (Testar conexão, Ler agora).
import { TEST_MODE_ACCOUNT_ID } from '../../shared/contract/mail';
import type { deliverabilityContract } from '../../shared/contract/deliverability';
import type { SmtpAccount } from '../../shared/domain';
import {
  DkimKeyError,
  generateDkimKey,
  importDkimKey,
  newSelector,
  type DkimKeyPair,
} from '../services/deliverability/dkim';
import { checkAccountDomain } from '../services/deliverability/domain-check';
import { secretName } from '../services/store/store';
import { dkimView } from './account-view';
import type { ApiContext } from './context';
import { conflict, invalid, notFound } from './errors';
import type { DomainHandlers } from './types';

const TEST_MODE_REFUSAL =
  'o modo de teste não envia nada para fora: assinatura DKIM, domínio e retornos valem para contas reais';

export function deliverabilityHandlers(ctx: ApiContext): DomainHandlers<typeof deliverabilityContract> {
  const app = ctx.engine;
  const find = (id: string) => app.store.settings().smtpAccounts.find((a) => a.id === id);
  const realAccount = (id: string): SmtpAccount => {
    const account = find(id);
    if (!account) throw notFound('Conta de e-mail');
    if (account.id === TEST_MODE_ACCOUNT_ID) throw conflict(TEST_MODE_REFUSAL);
    return account;
  };

  /** Puts a key on the account: the private half to the secrets file, the public one in the settings. */
  async function setKey(id: string, selector: string | null | undefined, keys: DkimKeyPair) {
    const now = app.clock.now();
    await app.update((tx) => {
      const settings = tx.settings();
      const account = settings.smtpAccounts.find((a) => a.id === id);
      if (!account) throw notFound('Conta de e-mail');
      const dkim = {
        selector: selector ?? newSelector(now, account.dkim?.selector),
        publicKey: keys.publicKey,
        privateKey: keys.privateKey,
        createdAt: now.toISOString(),
      };
      tx.setSettings({
        ...settings,
        smtpAccounts: settings.smtpAccounts.map((a) => (a.id === id ? { ...a, dkim } : a)),
      });
    });
    return dkimView(app, find(id)!)!;
  }

  return {
    'smtp.dkim.generate': async ({ id, selector }) => {
      realAccount(id);
      return setKey(id, selector, await generateDkimKey());
    },

    'smtp.dkim.import': async ({ id, selector, privateKey }) => {
      realAccount(id);
      let keys: DkimKeyPair;
      try {
        keys = importDkimKey(privateKey);
      } catch (e) {
        if (e instanceof DkimKeyError) throw invalid({ privateKey: e.message });
        throw e;
      }
      return setKey(id, selector, keys);
    },

    'smtp.dkim.remove': async ({ id }) => {
      await app.update((tx) => {
        const settings = tx.settings();
        if (!settings.smtpAccounts.some((a) => a.id === id)) throw notFound('Conta de e-mail');
        tx.setSettings({
          ...settings,
          smtpAccounts: settings.smtpAccounts.map((a) => (a.id === id ? { ...a, dkim: null } : a)),
        });
        if (tx.secret(secretName('dkim', id))) tx.setSecrets({ [secretName('dkim', id)]: '' });
      });
    },

    'smtp.checkDomain': async ({ id }) => {
      return checkAccountDomain(app, realAccount(id));
    },

    'smtp.bounces.test': async ({ id, mailbox, allowSelfSigned }) => {
      const password = mailbox.password || (id ? app.store.secret(secretName('imap', id)) : null);
      if (!password) return { ok: false, message: 'informe a senha da caixa para retornos' };
      return app.bounces.test({ allowSelfSigned }, mailbox, password);
    },

    'smtp.bounces.read': async ({ id }) => {
      const account = realAccount(id);
      if (!account.bounceMailbox)
        throw conflict('esta conta não tem caixa para retornos: informe-a em Editar conta');
      const [status] = await app.bounces.readNow(id);
      if (!status) throw conflict('a leitura dos retornos foi interrompida (o programa está encerrando)');
      return status;
    },
  };
}
