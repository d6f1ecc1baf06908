// The DNS resolver the domain checks ask: the system's, or the servers given (REGUA_DNS_SERVERS in
// tests, a local dnsmasq with its own records). Shaped as mailauth's resolvers are: (name, type) → answers.
import { Resolver } from 'node:dns/promises';

export type DnsResolver = (name: string, rrtype: string) => Promise<string[] | string[][]>;

export interface ResolverOptions {
  /** "host" or "host:port" entries; none = the system's resolvers. */
  servers?: readonly string[];
  /** Per query, before a retry. */
  timeoutMs?: number;
}

export function createDnsResolver(options: ResolverOptions = {}): DnsResolver {
  const resolver = new Resolver({ timeout: options.timeoutMs ?? 4000, tries: 2 });
  if (options.servers?.length) resolver.setServers([...options.servers]);
  return async (name, rrtype) => {
    switch (rrtype.toUpperCase()) {
      case 'TXT':
        return resolver.resolveTxt(name);
      case 'A':
        return resolver.resolve4(name);
      case 'AAAA':
        return resolver.resolve6(name);
      case 'MX':
        return (await resolver.resolveMx(name)) as unknown as string[];
      default:
        return (await resolver.resolve(name, rrtype)) as string[];
    }
  };
}

/** "1.2.3.4:53,5.6.7.8" → the list; blank → none. */
export const parseDnsServers = (value: string | undefined): string[] | undefined => {
  const list = (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return list.length ? list : undefined;
};

/** Errors that mean "no such record", as opposed to a server that could not answer. */
export const isNoRecord = (e: unknown) =>
  ['ENOTFOUND', 'ENODATA', 'EBADNAME', 'ENONAME'].includes((e as { code?: string })?.code ?? '');
