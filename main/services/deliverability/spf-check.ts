// Does the sender domain's SPF record authorize the account's SMTP server? For the big providers
// (whose outgoing servers are not the SMTP host's address) the answer is the provider's include;
// for any other server, the record is evaluated with mailauth against the host's own addresses.
import { isIP } from 'node:net';
import type { DomainCheckItem } from '../../../shared/contract/deliverability';
import { isNoRecord, type DnsResolver } from './resolver';

/** Providers whose SMTP relays send from their own networks, with the include they document. */
const PROVIDERS: { host: RegExp; include: string; name: string }[] = [
  { host: /(^|\.)(gmail|googlemail|google)\.com$/i, include: '_spf.google.com', name: 'Google' },
  {
    host: /(^|\.)(office365|outlook|hotmail|live)\.com$/i,
    include: 'spf.protection.outlook.com',
    name: 'Microsoft 365',
  },
  { host: /(^|\.)zoho\.com$/i, include: 'zoho.com', name: 'Zoho' },
  { host: /^email-smtp\.[a-z0-9-]+\.amazonaws\.com$/i, include: 'amazonses.com', name: 'Amazon SES' },
  { host: /(^|\.)sendgrid\.net$/i, include: 'sendgrid.net', name: 'SendGrid' },
  { host: /(^|\.)mailgun\.org$/i, include: 'mailgun.org', name: 'Mailgun' },
];

/** The SPF mechanism that authorizes an SMTP host. */
export function spfMechanismFor(host: string): { mechanism: string; provider: string | null } {
  const h = host.trim().toLowerCase().replace(/\.$/, '');
  const provider = PROVIDERS.find((p) => p.host.test(h));
  if (provider) return { mechanism: `include:${provider.include}`, provider: provider.name };
  const family = isIP(h);
  if (family === 4) return { mechanism: `ip4:${h}`, provider: null };
  if (family === 6) return { mechanism: `ip6:${h}`, provider: null };
  return { mechanism: `a:${h}`, provider: null };
}

const terms = (record: string) => record.trim().split(/\s+/).slice(1);
const isAll = (t: string) => /^[-~+?]?all$/i.test(t);

/** The record with the mechanism added before its "all" (or redirect), or a new record. */
export function spfWith(record: string | null, mechanism: string): string {
  if (!record) return `v=spf1 ${mechanism} ~all`;
  const list = terms(record);
  if (list.some((t) => t.toLowerCase() === mechanism.toLowerCase())) return record.trim();
  const end = list.findIndex((t) => isAll(t) || /^redirect=/i.test(t));
  const at = end < 0 ? list.length : end;
  return ['v=spf1', ...list.slice(0, at), mechanism, ...list.slice(at)].join(' ');
}

/** Several SPF records are an error (permerror): one record with all their mechanisms. */
export function mergeSpf(records: readonly string[]): string {
  const seen = new Set<string>();
  const body: string[] = [];
  let ending: string | null = null;
  // Sorted: the DNS hands the records in any order, the answer must not change between two checks.
  for (const r of [...records].sort())
    for (const t of terms(r)) {
      if (isAll(t) || /^redirect=/i.test(t)) {
        ending ??= t;
        continue;
      }
      if (!seen.has(t.toLowerCase())) body.push(t);
      seen.add(t.toLowerCase());
    }
  return ['v=spf1', ...body, ending ?? '~all'].join(' ');
}

const joinTxt = (answer: string | string[]) => (Array.isArray(answer) ? answer.join('') : answer);

export async function checkSpf(
  domain: string,
  sender: string,
  smtpHost: string,
  resolver: DnsResolver,
): Promise<DomainCheckItem> {
  const { mechanism, provider } = spfMechanismFor(smtpHost);
  const item = (state: DomainCheckItem['state'], summary: string, extra: Partial<DomainCheckItem> = {}) =>
    ({
      kind: 'spf',
      state,
      summary,
      publish: null,
      found: [],
      detail: null,
      ...extra,
    }) satisfies DomainCheckItem;
  let txt: string[];
  try {
    txt = ((await resolver(domain, 'TXT')) as (string | string[])[]).map(joinTxt);
  } catch (e) {
    if (!isNoRecord(e))
      return item('error', `Não foi possível consultar o DNS de ${domain}. Tente de novo em instantes.`, {
        detail: (e as Error).message,
      });
    txt = [];
  }
  const records = txt.filter((t) => /^v=spf1(\s|$)/i.test(t.trim()));
  const publish = (value: string) => ({ type: 'TXT' as const, name: domain, value });
  const who = provider ? `os servidores do ${provider}` : `o servidor ${smtpHost}`;
  if (records.length === 0)
    return item(
      'missing',
      `O domínio ${domain} não tem registro SPF: os provedores dos clientes não sabem que ${who} pode enviar por ele. Publique o registro abaixo.`,
      { publish: publish(spfWith(null, mechanism)) },
    );
  if (records.length > 1)
    return item(
      'wrong',
      `O domínio ${domain} tem ${records.length} registros SPF, e só pode haver um (com dois, nenhum vale). Troque-os por este único registro.`,
      { found: records, publish: publish(spfWith(mergeSpf(records), mechanism)) },
    );
  const record = records[0]!.trim();
  const fix = (summary: string, detail: string | null = null) =>
    item('wrong', summary, { found: [record], detail, publish: publish(spfWith(record, mechanism)) });

  if (provider) {
    const listed = terms(record).some((t) => t.toLowerCase() === mechanism.toLowerCase());
    return listed
      ? item('ok', `O SPF de ${domain} autoriza ${who}.`, { found: [record] })
      : fix(`O SPF de ${domain} não autoriza ${who}: acrescente "${mechanism}" ao registro, como abaixo.`);
  }

  let addresses: string[];
  try {
    addresses = isIP(smtpHost)
      ? [smtpHost]
      : [
          ...((await resolver(smtpHost, 'A').catch(() => [])) as string[]),
          ...((await resolver(smtpHost, 'AAAA').catch(() => [])) as string[]),
        ];
  } catch {
    addresses = [];
  }
  if (addresses.length === 0)
    return item(
      'error',
      `Não foi possível descobrir o endereço do servidor ${smtpHost} para conferir o SPF.`,
      {
        found: [record],
      },
    );
  const failures: string[] = [];
  const details: string[] = [];
  for (const ip of addresses) {
    // mailauth is loaded by the first check, not at start-up (~0.15 s).
    const { spf } = await import('mailauth/lib/spf');
    const result = await spf({ sender, ip, helo: smtpHost, mta: 'regua', resolver });
    details.push(`${ip}: ${result.status.result} — ${result.status.comment ?? ''}`);
    if (result.status.result === 'temperror')
      return item('error', `Não foi possível avaliar o SPF de ${domain} agora. Tente de novo em instantes.`, {
        found: [record],
        detail: details.join('\n'),
      });
    if (result.status.result === 'permerror')
      return fix(
        `O registro SPF de ${domain} tem um erro e não vale para ninguém. Corrija-o; o registro abaixo já autoriza ${who}.`,
        details.join('\n'),
      );
    if (result.status.result !== 'pass') failures.push(ip);
  }
  return failures.length === 0
    ? item('ok', `O SPF de ${domain} autoriza ${who}.`, { found: [record], detail: details.join('\n') })
    : fix(
        `O SPF de ${domain} não autoriza ${who} (endereço ${failures.join(', ')}): as mensagens podem ir para o spam. Acrescente "${mechanism}" ao registro, como abaixo.`,
        details.join('\n'),
      );
}
