// "Verificar domínio": the sender domain's SPF, DKIM and DMARC as the receiving servers will see
// them, each with what is wrong and the exact record to publish, in words a clerk can act on.
import type getDmarcRecord from 'mailauth/lib/dmarc/get-dmarc-record';
import type { DomainCheck, DomainCheckItem } from '../../../shared/contract/deliverability';
import type { SmtpAccount } from '../../../shared/domain';
import { dkimRecord, parseDkimRecord, signingDomain } from './dkim';
import { secretName, type ReadStore } from '../store/store';
import { isNoRecord, type DnsResolver } from './resolver';
import { checkSpf } from './spf-check';

export interface DomainCheckInput {
  account: Pick<SmtpAccount, 'host' | 'fromAddress' | 'dkim'>;
  /** The account's private key is on this computer (else nothing is signed). */
  hasPrivateKey: boolean;
  /** Where DMARC aggregate reports should go (the company's e-mail, else the sender). */
  reportAddress: string;
  resolver: DnsResolver;
  now: Date;
}

const joinTxt = (answer: string | string[]) => (Array.isArray(answer) ? answer.join('') : answer);

async function txtRecords(resolver: DnsResolver, name: string): Promise<string[]> {
  try {
    return ((await resolver(name, 'TXT')) as (string | string[])[]).map(joinTxt).map((t) => t.trim());
  } catch (e) {
    if (isNoRecord(e)) return [];
    throw e;
  }
}

type Item = Omit<DomainCheckItem, 'kind'>;
const base = (state: Item['state'], summary: string, extra: Partial<Item> = {}): Item => ({
  state,
  summary,
  publish: null,
  found: [],
  detail: null,
  ...extra,
});

export async function checkDkim(input: DomainCheckInput, domain: string): Promise<Item> {
  const dkim = input.account.dkim;
  if (!dkim?.publicKey)
    return base(
      'missing',
      'Esta conta ainda não assina as mensagens (DKIM). Gere uma chave em "Assinatura DKIM" e publique o registro que aparecer.',
    );
  const expected = dkimRecord(domain, dkim.selector, dkim.publicKey);
  const noKeyHere = input.hasPrivateKey
    ? ''
    : ' Atenção: a chave privada não está neste computador, então as mensagens saem sem assinatura: gere ou importe a chave de novo.';
  let found: string[];
  try {
    found = (await txtRecords(input.resolver, expected.name)).filter((t) => /(^|;)\s*p\s*=/i.test(t));
  } catch (e) {
    return base(
      'error',
      `Não foi possível consultar o DNS de ${expected.name}. Tente de novo em instantes.`,
      {
        detail: (e as Error).message,
      },
    );
  }
  if (found.length === 0)
    return base(
      'missing',
      `A chave DKIM (seletor "${dkim.selector}") não está publicada: sem ela os provedores não conseguem conferir a assinatura. Publique o registro abaixo.${noKeyHere}`,
      { publish: expected },
    );
  const matches = found.some((t) => {
    const tags = parseDkimRecord(t);
    return tags.get('p') === dkim.publicKey && (tags.get('k') ?? 'rsa').toLowerCase() === 'rsa';
  });
  if (!matches) {
    const revoked = found.every((t) => parseDkimRecord(t).get('p') === '');
    return base(
      'wrong',
      revoked
        ? `O registro DKIM do seletor "${dkim.selector}" está publicado sem chave (revogado). Troque o valor pelo registro abaixo.`
        : `O registro DKIM publicado no seletor "${dkim.selector}" é de outra chave: as assinaturas não conferem. Troque o valor pelo registro abaixo.`,
      { found, publish: expected },
    );
  }
  return input.hasPrivateKey
    ? base('ok', `A chave DKIM (seletor "${dkim.selector}") está publicada e as mensagens saem assinadas.`, {
        found,
      })
    : base('warning', `A chave DKIM está publicada.${noKeyHere}`, { found });
}

export async function checkDmarc(input: DomainCheckInput, domain: string): Promise<Item> {
  const suggested = (name: string) => ({
    type: 'TXT' as const,
    name: `_dmarc.${name}`,
    value: `v=DMARC1; p=none; rua=mailto:${input.reportAddress}`,
  });
  let record: Awaited<ReturnType<typeof getDmarcRecord>>;
  let own: string[];
  try {
    own = (await txtRecords(input.resolver, `_dmarc.${domain}`)).filter((t) => /^v\s*=\s*dmarc1/i.test(t));
    // Loaded by the first check, not at start-up.
    const { default: dmarcRecord } = await import('mailauth/lib/dmarc/get-dmarc-record');
    record = await dmarcRecord(domain, input.resolver);
  } catch (e) {
    return base('error', `Não foi possível consultar o DMARC de ${domain}. Tente de novo em instantes.`, {
      detail: (e as Error).message,
    });
  }
  if (!record) {
    if (own.length > 1)
      return base(
        'wrong',
        `O domínio ${domain} tem ${own.length} registros DMARC, e só pode haver um (com dois, nenhum vale). Deixe só o registro abaixo.`,
        { found: own, publish: suggested(domain) },
      );
    if (own.length === 1)
      return base(
        'wrong',
        `O registro DMARC de ${domain} tem um erro e é ignorado pelos provedores. Troque-o pelo registro abaixo.`,
        { found: own, publish: suggested(domain) },
      );
    return base(
      'missing',
      `O domínio ${domain} não tem política DMARC: Gmail, Outlook e Yahoo a exigem de quem envia cobranças em quantidade. Publique o registro abaixo; com "p=none" nada é bloqueado, os provedores só passam a enviar relatórios para ${input.reportAddress}.`,
      { publish: suggested(domain) },
    );
  }
  const found = [record.rr];
  const where = record.isOrgRecord ? ` (vale o registro de ${record.recordDomain})` : '';
  if (!['none', 'quarantine', 'reject'].includes(String(record.p ?? '')))
    return base(
      'wrong',
      `O registro DMARC de ${record.recordDomain} não diz a política (p=none, p=quarantine ou p=reject). Troque-o pelo registro abaixo.`,
      { found, publish: suggested(record.recordDomain) },
    );
  return record.p === 'none'
    ? base(
        'ok',
        `O domínio tem política DMARC${where}, em modo de observação (p=none). Quando SPF e DKIM estiverem certos há algumas semanas, pode passar para p=quarantine.`,
        { found },
      )
    : base('ok', `O domínio tem política DMARC${where} (p=${record.p}).`, { found });
}

export async function checkDomain(input: DomainCheckInput): Promise<DomainCheck> {
  const domain = signingDomain(input.account.fromAddress);
  const [spf, dkim, dmarc] = await Promise.all([
    checkSpf(domain, input.account.fromAddress, input.account.host, input.resolver),
    checkDkim(input, domain),
    checkDmarc(input, domain),
  ]);
  const items: DomainCheckItem[] = [spf, { kind: 'dkim', ...dkim }, { kind: 'dmarc', ...dmarc }];
  const bad = items.filter((i) => i.state !== 'ok' && i.state !== 'warning');
  const names = { spf: 'SPF', dkim: 'DKIM', dmarc: 'DMARC' } as const;
  return {
    domain,
    checkedAt: input.now.toISOString(),
    ok: bad.length === 0,
    summary:
      bad.length === 0
        ? `O domínio ${domain} está pronto: SPF, DKIM e DMARC em ordem.`
        : `Falta acertar em ${domain}: ${bad.map((i) => names[i.kind]).join(', ')}. Publique no DNS do domínio (no painel onde ele foi registrado ou de quem hospeda o site) os registros indicados; a mudança leva de minutos a algumas horas para valer.`,
    items,
  };
}

/** The check of an account's domain with what the engine knows of it. */
export function checkAccountDomain(
  engine: { store: ReadStore; resolver: DnsResolver; clock: { now(): Date } },
  account: SmtpAccount,
): Promise<DomainCheck> {
  return checkDomain({
    account,
    hasPrivateKey: !!engine.store.secret(secretName('dkim', account.id)),
    reportAddress: engine.store.settings().company?.email ?? account.fromAddress,
    resolver: engine.resolver,
    now: engine.clock.now(),
  });
}
