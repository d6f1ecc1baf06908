// The records Verificar domínio tells people to publish, built by pure functions: the SPF mechanism
// for a server, a record with it added (or several merged), the DKIM record and its parsing, selectors.
import { describe, expect, it } from 'vitest';
import {
  dkimRecord,
  newSelector,
  parseDkimRecord,
  signingDomain,
} from '../../main/services/deliverability/dkim';
import { mergeSpf, spfMechanismFor, spfWith } from '../../main/services/deliverability/spf-check';
import { dnsmasqConfig } from '../support/dnsmasq';

describe('SPF', () => {
  it('names the mechanism that authorizes a server: the big providers by their include', () => {
    expect(spfMechanismFor('smtp.gmail.com')).toEqual({
      mechanism: 'include:_spf.google.com',
      provider: 'Google',
    });
    expect(spfMechanismFor('smtp.office365.com').mechanism).toBe('include:spf.protection.outlook.com');
    expect(spfMechanismFor('email-smtp.sa-east-1.amazonaws.com').mechanism).toBe('include:amazonses.com');
    expect(spfMechanismFor('SMTP.Provedor.com.br.')).toEqual({
      mechanism: 'a:smtp.provedor.com.br',
      provider: null,
    });
    expect(spfMechanismFor('200.160.2.3').mechanism).toBe('ip4:200.160.2.3');
    expect(spfMechanismFor('2001:db8::25').mechanism).toBe('ip6:2001:db8::25');
  });

  it('adds the mechanism before "all" or "redirect", once', () => {
    expect(spfWith(null, 'a:smtp.x.com.br')).toBe('v=spf1 a:smtp.x.com.br ~all');
    expect(spfWith('v=spf1 mx include:_spf.google.com -all', 'a:smtp.x.com.br')).toBe(
      'v=spf1 mx include:_spf.google.com a:smtp.x.com.br -all',
    );
    expect(spfWith('v=spf1 mx redirect=_spf.x.com.br', 'ip4:1.2.3.4')).toBe(
      'v=spf1 mx ip4:1.2.3.4 redirect=_spf.x.com.br',
    );
    expect(spfWith('v=spf1 mx', 'ip4:1.2.3.4')).toBe('v=spf1 mx ip4:1.2.3.4');
    expect(spfWith('v=spf1 ip4:1.2.3.4 -all', 'IP4:1.2.3.4')).toBe('v=spf1 ip4:1.2.3.4 -all');
  });

  it('merges several records into one, the same whatever order the DNS gave them in', () => {
    const a = 'v=spf1 mx include:_spf.google.com ~all';
    const b = 'v=spf1 a:smtp.x.com.br mx -all';
    expect(mergeSpf([a, b])).toBe('v=spf1 a:smtp.x.com.br mx include:_spf.google.com -all');
    expect(mergeSpf([b, a])).toBe(mergeSpf([a, b]));
  });
});

describe('DKIM records', () => {
  it('are named <selector>._domainkey.<domain of the sender>', () => {
    expect(signingDomain('Cobranca@Provedor.COM.br')).toBe('provedor.com.br');
    expect(dkimRecord('provedor.com.br', 'regua202603', 'MIIBI')).toEqual({
      type: 'TXT',
      name: 'regua202603._domainkey.provedor.com.br',
      value: 'v=DKIM1; k=rsa; p=MIIBI',
    });
  });

  it('are read back tag by tag, whitespace and case of the names ignored', () => {
    const tags = parseDkimRecord('v=DKIM1;  K=rsa ; p=MIIB IjAN\tBgkq; t=y');
    expect(Object.fromEntries(tags)).toEqual({ v: 'DKIM1', k: 'rsa', p: 'MIIBIjANBgkq', t: 'y' });
  });

  it('get a selector of their own each time', () => {
    const march = new Date('2026-03-10T12:00:00Z');
    expect(newSelector(march, null)).toBe('regua202603');
    expect(newSelector(march, 'regua202602')).toBe('regua202603');
    expect(newSelector(march, 'regua202603')).toBe('regua202603b');
    expect(newSelector(march, 'regua202603b')).toBe('regua202603c');
    expect(newSelector(march, 'regua202603z')).toMatch(/^regua202603[0-9a-f]{4}$/);
  });
});

describe('the test DNS server', () => {
  it('publishes a long value as 255-character strings, as DNS panels split a DKIM key', () => {
    const value = `v=DKIM1; k=rsa; p=${'A'.repeat(400)}`;
    const line = dnsmasqConfig({ txt: { 's._domainkey.x.test': value }, domains: ['test'] }).split('\n')[0]!;
    const strings = line.replace('txt-record=s._domainkey.x.test,', '').split('","');
    expect(strings.map((s) => s.replace(/"/g, '').length)).toEqual([255, value.length - 255]);
  });
});
