// "Verificar domínio" and DKIM signing against real servers: a local dnsmasq holding the sender
// domains' SPF, DKIM and DMARC records (good, missing and wrong ones), the test SMTP server that
// receives what the engine signs, and mailauth's verifier reading the key back from that DNS.
import { dkimVerify } from 'mailauth/lib/dkim/verify';
import { afterEach, describe, expect, it } from 'vitest';
import type { DkimView, DomainCheck } from '../../shared/contract/deliverability';
import type { SmtpAccountView } from '../../shared/contract/mail';
import { generateDkimKey } from '../../main/services/deliverability/dkim';
import { createDnsResolver } from '../../main/services/deliverability/resolver';
import { testApis, useSmtpServer, type TestApi } from '../support/api';
import { debianProgram } from '../support/debian-package';
import { startDnsmasq, type DnsRecords, type LocalDns } from '../support/dnsmasq';
import { baseDocument } from '../support/documents';
import { freePort } from '../support/free-port';
import { runCli } from '../support/cli';

const dnsmasq = await debianProgram('dnsmasq', 'dnsmasq-base');
const smtp = useSmtpServer();
const open = testApis();
const servers: LocalDns[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.stop();
});

/** An engine whose checks ask a DNS server that starts later, on a port chosen now. */
async function setUp(fromAddress: string, extra: Record<string, unknown> = {}) {
  const port = await freePort();
  const doc = baseDocument(smtp.port);
  const [account] = doc.smtpAccounts as Record<string, unknown>[];
  const api = await open({
    dnsServers: [`127.0.0.1:${port}`],
    document: { ...doc, smtpAccounts: [{ ...account, fromAddress, ...extra }] },
  });
  const serve = async (records: Omit<DnsRecords, 'domains'>) => {
    servers.push(await startDnsmasq(dnsmasq.path!, { ...records, domains: ['test'] }, port));
  };
  return { api, serve, server: `127.0.0.1:${port}` };
}

const check = (api: TestApi) => api.ok<DomainCheck>('smtp.checkDomain', { id: 'principal' });
const byKind = (result: DomainCheck) => Object.fromEntries(result.items.map((i) => [i.kind, i]));

describe.skipIf(dnsmasq.skip)('Verificar domínio against a real DNS server', () => {
  it('a domain with everything published is ready, and a message the engine sends verifies as DKIM pass', async () => {
    const { api, serve, server } = await setUp('cobranca@bom.test');
    const dkim = await api.ok<DkimView>('smtp.dkim.generate', { id: 'principal' });
    expect(dkim.record!.name).toMatch(/^regua\d{6}\._domainkey\.bom\.test$/);
    expect(dkim.record!.value).toMatch(/^v=DKIM1; k=rsa; p=MIIBIjAN[A-Za-z0-9+/=]+$/);
    await serve({
      txt: {
        'bom.test': 'v=spf1 ip4:127.0.0.1 -all',
        [dkim.record!.name]: dkim.record!.value,
        '_dmarc.bom.test': 'v=DMARC1; p=quarantine; rua=mailto:dmarc@bom.test',
      },
    });
    const result = await check(api);
    expect(result.items.map((i) => [i.kind, i.state])).toEqual([
      ['spf', 'ok'],
      ['dkim', 'ok'],
      ['dmarc', 'ok'],
    ]);
    expect(result).toMatchObject({
      ok: true,
      domain: 'bom.test',
      summary: 'O domínio bom.test está pronto: SPF, DKIM e DMARC em ordem.',
    });

    // A routine's notice, whose parts were encoded ahead of time, goes out signed.
    const report = await api.app.runner.runRoutine('diaria', {
      date: '2021-03-05',
      trigger: 'manual',
      honourCalendar: false,
    });
    expect(report.counts.sent).toBe(1);
    const [mail] = await smtp.waitForMessages(1);
    const resolver = createDnsResolver({ servers: [server] });
    const verified = await dkimVerify(mail!.raw, { resolver });
    expect(verified.results.map((r) => [r.status.result, r.signingDomain, r.selector])).toEqual([
      ['pass', 'bom.test', dkim.selector],
    ]);

    // The same check fails on a message changed on the way: the verifier is not a rubber stamp.
    const tampered = Buffer.from(
      mail!.raw.toString('latin1').replace('Maria da Silva', 'Maria da Selva'),
      'latin1',
    );
    const broken = await dkimVerify(tampered, { resolver });
    expect(broken.results[0]!.status).toMatchObject({
      result: 'neutral',
      comment: 'body hash did not verify',
    });
  });

  it('a domain with nothing published says what is missing and exactly what to publish', async () => {
    const { api, serve, server } = await setUp('cobranca@falta.test');
    const dkim = await api.ok<DkimView>('smtp.dkim.generate', { id: 'principal', selector: 'cobranca1' });
    await serve({ txt: { 'outro.test': 'v=spf1 -all' } });
    const result = await check(api);
    expect(result.ok).toBe(false);
    expect(result.summary).toContain('Falta acertar em falta.test: SPF, DKIM, DMARC.');
    const { spf, dkim: dkimItem, dmarc } = byKind(result);
    expect(spf).toMatchObject({
      state: 'missing',
      publish: { type: 'TXT', name: 'falta.test', value: 'v=spf1 ip4:127.0.0.1 ~all' },
    });
    expect(spf!.summary).toContain('não tem registro SPF');
    expect(dkimItem).toMatchObject({
      state: 'missing',
      publish: { type: 'TXT', name: 'cobranca1._domainkey.falta.test', value: dkim.record!.value },
    });
    expect(dmarc).toMatchObject({
      state: 'missing',
      publish: {
        type: 'TXT',
        name: '_dmarc.falta.test',
        value: 'v=DMARC1; p=none; rua=mailto:financeiro@provedor.example',
      },
    });

    // The same answer from the command line, for a server without screens.
    const cli = await runCli(['--data-dir', api.app.dataDir, 'check-domain'], {
      env: { REGUA_DNS_SERVERS: server },
    });
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain('principal — falta.test: Falta acertar em falta.test: SPF, DKIM, DMARC.');
    expect(cli.stdout).toContain('  SPF   falta        O domínio falta.test não tem registro SPF');
    expect(cli.stdout).toContain(
      '        publique: TXT _dmarc.falta.test\n                  v=DMARC1; p=none; rua=mailto:financeiro@provedor.example',
    );
  });

  it('wrong records: SPF without our server, DKIM of another key, DMARC without a policy', async () => {
    const { api, serve } = await setUp('cobranca@errado.test');
    const dkim = await api.ok<DkimView>('smtp.dkim.generate', { id: 'principal' });
    const other = await generateDkimKey();
    await serve({
      txt: {
        'errado.test': 'v=spf1 ip4:192.0.2.1 -all',
        [dkim.record!.name]: `v=DKIM1; k=rsa; p=${other.publicKey}`,
        '_dmarc.errado.test': 'v=DMARC1; p=talvez',
      },
    });
    const { spf, dkim: dkimItem, dmarc } = byKind(await check(api));
    expect(spf).toMatchObject({
      state: 'wrong',
      found: ['v=spf1 ip4:192.0.2.1 -all'],
      publish: { name: 'errado.test', value: 'v=spf1 ip4:192.0.2.1 ip4:127.0.0.1 -all' },
    });
    expect(spf!.summary).toContain('não autoriza o servidor 127.0.0.1');
    expect(dkimItem).toMatchObject({ state: 'wrong', publish: { value: dkim.record!.value } });
    expect(dkimItem!.summary).toContain('é de outra chave');
    expect(dmarc).toMatchObject({ state: 'wrong', publish: { name: '_dmarc.errado.test' } });
  });

  it('two SPF records, a server found by name, a subdomain under its organization’s DMARC', async () => {
    const { api, serve } = await setUp('cobranca@mail.dois.test', { host: 'smtp.dois.test' });
    await serve({
      txt: {
        'mail.dois.test': ['v=spf1 a:smtp.dois.test -all', 'v=spf1 include:_spf.google.com ~all'],
        '_dmarc.dois.test': 'v=DMARC1; p=none; rua=mailto:dmarc@dois.test',
      },
      a: { 'smtp.dois.test': '127.0.0.1' },
    });
    const { spf, dkim, dmarc } = byKind(await check(api));
    expect(spf).toMatchObject({
      state: 'wrong',
      publish: { value: 'v=spf1 a:smtp.dois.test include:_spf.google.com -all' },
    });
    expect(dkim!.state).toBe('missing');
    expect(dkim!.summary).toContain('ainda não assina');
    expect(dmarc!.state).toBe('ok');
    expect(dmarc!.summary).toContain('vale o registro de dois.test');
  });

  it('an imported key signs too, and the account view never carries the private key', async () => {
    const { api, serve, server } = await setUp('cobranca@importado.test');
    const keys = await generateDkimKey();
    const pkcs1 = (await import('node:crypto'))
      .createPrivateKey(keys.privateKey)
      .export({ type: 'pkcs1', format: 'pem' })
      .toString();
    const dkim = await api.ok<DkimView>('smtp.dkim.import', {
      id: 'principal',
      selector: 'Antigo',
      privateKey: pkcs1,
    });
    expect(dkim).toMatchObject({ selector: 'antigo', domain: 'importado.test', hasPrivateKey: true });
    expect(dkim.record!.value).toBe(`v=DKIM1; k=rsa; p=${keys.publicKey}`);
    const [view] = await api.ok<SmtpAccountView[]>('smtp.list');
    expect(JSON.stringify(view)).not.toContain('PRIVATE KEY');

    await serve({ txt: { [dkim.record!.name]: dkim.record!.value } });
    await api.ok('mail.sendTest', { smtpAccountId: 'principal', to: 'eu@importado.test' });
    const [mail] = await smtp.waitForMessages(1);
    const verified = await dkimVerify(mail!.raw, { resolver: createDnsResolver({ servers: [server] }) });
    expect(verified.results[0]!.status.result).toBe('pass');

    // Removing the key stops the signing.
    await api.ok('smtp.dkim.remove', { id: 'principal' });
    await smtp.clear();
    await api.ok('mail.sendTest', { smtpAccountId: 'principal', to: 'eu@importado.test' });
    const [unsigned] = await smtp.waitForMessages(1);
    expect(unsigned!.raw.toString()).not.toContain('DKIM-Signature');
  });
});
