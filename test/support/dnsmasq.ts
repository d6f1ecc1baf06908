// A real DNS server for the domain checks: dnsmasq on 127.0.0.1 with only the records a test gives
// it, authoritative for the test domains (a name it does not know there is NXDOMAIN, as on the internet).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { Resolver } from 'node:dns/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';

export interface DnsRecords {
  /** Name → TXT strings; a long value is split into 255-character strings, as DNS panels do. */
  txt?: Record<string, string | string[]>;
  /** Name → IPv4 address. */
  a?: Record<string, string>;
  /** Domains the server answers for alone (NXDOMAIN for unknown names in them). */
  domains: string[];
}

export interface LocalDns {
  /** "127.0.0.1:PORT", for REGUA_DNS_SERVERS and the engine's dnsServers. */
  server: string;
  stop(): Promise<void>;
}

const quote = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
const chunks = (s: string) => s.match(/.{1,255}/g) ?? [''];

export function dnsmasqConfig(records: DnsRecords): string {
  const lines: string[] = [];
  for (const [name, value] of Object.entries(records.txt ?? {}))
    for (const v of Array.isArray(value) ? value : [value])
      lines.push(`txt-record=${name},${chunks(v).map(quote).join(',')}`);
  for (const [name, ip] of Object.entries(records.a ?? {})) lines.push(`host-record=${name},${ip}`);
  for (const d of records.domains) lines.push(`local=/${d}/`);
  return lines.join('\n') + '\n';
}

/** `port`: listen there (a test that must know the address before it knows the records). */
export async function startDnsmasq(binary: string, records: DnsRecords, port?: number): Promise<LocalDns> {
  const dir = await mkdtemp(join(tmpdir(), 'regua-dns-'));
  const conf = join(dir, 'dnsmasq.conf');
  await writeFile(conf, dnsmasqConfig(records));
  port ??= await freePort();
  const child: ChildProcess = spawn(
    binary,
    [
      '--keep-in-foreground',
      '--no-resolv',
      '--no-hosts',
      '--no-poll',
      '--bind-interfaces',
      '--listen-address=127.0.0.1',
      `--port=${port}`,
      '--pid-file=',
      `--conf-file=${conf}`,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const server = `127.0.0.1:${port}`;
  // Ready when it answers a query.
  const probe = new Resolver({ timeout: 200, tries: 1 });
  probe.setServers([server]);
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`dnsmasq saiu: ${stderr}`);
    const answered = await probe.resolveTxt(`ping.${records.domains[0] ?? 'test'}`).then(
      () => true,
      (e: { code?: string }) => e.code === 'ENOTFOUND' || e.code === 'ENODATA',
    );
    if (answered) break;
    if (i > 100) throw new Error(`dnsmasq não respondeu: ${stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    server,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
