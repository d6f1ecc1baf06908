// The deliverability part of Contas de e-mail through the real handler map: DKIM keys made or
// imported (and refused in Portuguese), the bounce mailbox's password kept like the SMTP one, every
// secret gone with its account, and both carried by export --with-secrets / import.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DkimView } from '../../shared/contract/deliverability';
import type { SmtpAccountView } from '../../shared/contract/mail';
import { exportDocument } from '../../main/services/interchange';
import { secretName } from '../../main/services/store/store';
import { applyTestDocument, testApis, useTestApi } from '../support/api';

const api = useTestApi();
const { call, ok, failure } = api;
const open = testApis();

const IMAP_PASSWORD = 'senha-da-caixa-de-retornos-7';
const account = (fields: Record<string, unknown> = {}) => ({
  id: 'principal',
  host: 'smtp.provedor.example',
  port: 587,
  security: 'starttls',
  fromName: 'Provedor Exemplo',
  fromAddress: 'cobranca@provedor.example',
  ...fields,
});
const mailbox = (fields: Record<string, unknown> = {}) => ({
  host: 'imap.provedor.example',
  port: 993,
  security: 'tls',
  user: 'retornos@provedor.example',
  ...fields,
});

describe('DKIM keys', () => {
  it('generates an RSA 2048 key: the record to publish comes back, the private key stays in the secrets file', async () => {
    await ok('smtp.save', account());
    const dkim = await ok<DkimView>('smtp.dkim.generate', { id: 'principal' });
    expect(dkim).toMatchObject({ domain: 'provedor.example', hasPrivateKey: true });
    expect(dkim.selector).toMatch(/^regua\d{6}$/);
    expect(dkim.record).toEqual({
      type: 'TXT',
      name: `${dkim.selector}._domainkey.provedor.example`,
      value: expect.stringMatching(
        /^v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA[\w+/=]+$/,
      ),
    });
    const key = api.app.store.secret(secretName('dkim', 'principal'))!;
    expect(key).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(await readFile(join(api.app.dataDir, 'settings.json'), 'utf8')).not.toContain('PRIVATE KEY');
    expect(JSON.stringify(await ok('smtp.list'))).not.toContain('PRIVATE KEY');

    // A new key gets a new selector, so the old record can stay published meanwhile.
    const next = await ok<DkimView>('smtp.dkim.generate', { id: 'principal' });
    expect(next.selector).toBe(`${dkim.selector}b`);
    expect(next.record!.value).not.toBe(dkim.record!.value);
  });

  it('saving the account form keeps the key; removing the account forgets every secret', async () => {
    await ok('smtp.save', account());
    await ok('smtp.dkim.generate', { id: 'principal', selector: 'cobranca1' });
    const saved = await ok<SmtpAccountView>('smtp.save', account({ fromName: 'Outro nome' }));
    expect(saved.dkim).toMatchObject({ selector: 'cobranca1', hasPrivateKey: true });
    await ok('smtp.save', account({ bounceMailbox: mailbox({ password: IMAP_PASSWORD }) }));
    await ok('smtp.remove', { id: 'principal' });
    expect(api.app.store.secret(secretName('dkim', 'principal'))).toBeNull();
    expect(api.app.store.secret(secretName('imap', 'principal'))).toBeNull();
  });

  it('refuses keys it cannot sign with, saying why in Portuguese', async () => {
    await ok('smtp.save', account());
    const refuse = async (privateKey: string) =>
      failure(await call('smtp.dkim.import', { id: 'principal', selector: 's1', privateKey })).fieldErrors
        ?.privateKey;
    expect(await refuse('não é uma chave')).toContain('não é uma chave privada em formato PEM');
    expect(await refuse('-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----')).toContain(
      'chave pública',
    );
    expect(await refuse('-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----')).toContain(
      'corrompida',
    );
    const { generateKeyPairSync } = await import('node:crypto');
    const ed = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(await refuse(ed)).toContain('o Régua assina com chaves RSA');
    const small = generateKeyPairSync('rsa', { modulusLength: 512 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    expect(await refuse(small)).toContain('a chave tem 512 bits');
    expect(
      failure(await call('smtp.dkim.import', { id: 'principal', selector: 'com espaço', privateKey: ed }))
        .fieldErrors?.selector,
    ).toContain('seletor DKIM inválido');
    expect(api.app.store.settings().smtpAccounts[0]!.dkim).toBeNull();
  });

  it('the test mode has no domain to sign for', async () => {
    await ok('testMode.enable');
    expect(failure(await call('smtp.dkim.generate', { id: 'modo-teste' }))).toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('o modo de teste não envia nada para fora'),
    });
  });
});

describe('bounce mailbox', () => {
  it('keeps its password like the SMTP one: required once, kept when blank, gone with the mailbox', async () => {
    expect(failure(await call('smtp.save', account({ bounceMailbox: mailbox() }))).fieldErrors).toEqual({
      'bounceMailbox.password': 'informe a senha da caixa para retornos',
    });
    const saved = await ok<SmtpAccountView>(
      'smtp.save',
      account({ bounceMailbox: mailbox({ password: IMAP_PASSWORD }) }),
    );
    expect(saved.bounceMailbox).toEqual({ ...mailbox(), folder: 'INBOX', hasPassword: true });
    expect(JSON.stringify(await ok('smtp.list'))).not.toContain(IMAP_PASSWORD);
    expect(await readFile(join(api.app.dataDir, 'settings.json'), 'utf8')).not.toContain(IMAP_PASSWORD);
    await ok('smtp.save', account({ bounceMailbox: mailbox({ password: '', folder: 'Retornos' }) }));
    expect(api.app.store.secret(secretName('imap', 'principal'))).toBe(IMAP_PASSWORD);
    await ok('smtp.save', account({ bounceMailbox: null }));
    expect(api.app.store.secret(secretName('imap', 'principal'))).toBeNull();
    expect(failure(await call('smtp.bounces.read', { id: 'principal' })).message).toContain(
      'não tem caixa para retornos',
    );
  });
});

describe('export --with-secrets and import', () => {
  it('carry the DKIM key and the mailbox password to another data folder, and only with secrets', async () => {
    await ok('smtp.save', account({ bounceMailbox: mailbox({ password: IMAP_PASSWORD }) }));
    const dkim = await ok<DkimView>('smtp.dkim.generate', { id: 'principal' });
    const plain = JSON.stringify(exportDocument(api.app.store, false));
    expect(plain).not.toContain('PRIVATE KEY');
    expect(plain).not.toContain(IMAP_PASSWORD);
    const full = exportDocument(api.app.store, true);

    const other = await open();
    await applyTestDocument(other.app, JSON.parse(JSON.stringify(full)));
    expect(other.app.store.secret(secretName('dkim', 'principal'))).toBe(
      api.app.store.secret(secretName('dkim', 'principal')),
    );
    expect(other.app.store.secret(secretName('imap', 'principal'))).toBe(IMAP_PASSWORD);
    const [view] = await other.ok<SmtpAccountView[]>('smtp.list');
    expect(view!.dkim).toMatchObject({ record: dkim.record, hasPrivateKey: true });

    // A key that is not one is refused at its JSON path, and nothing is written.
    const broken = JSON.parse(JSON.stringify(full));
    broken.smtpAccounts[0].dkim.privateKey = '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----';
    await expect(applyTestDocument(other.app, broken)).rejects.toThrow('smtpAccounts[0].dkim.privateKey');
  });
});
