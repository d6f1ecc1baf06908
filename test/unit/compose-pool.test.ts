// The composition pool (compose-pool.ts) with real worker threads: a worker composes the bytes this
// thread composes, a notice that kills its worker fails alone, a worker that cannot start leaves the
// composing to this thread, and an idle pool never keeps a process alive.
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import type { ComposeJob } from '../../main/services/compose-job';
import { composeEncoded } from '../../main/services/compose-job';
import { createComposePool, WORKER_LOST, type ComposePool } from '../../main/services/compose-pool';
import type { EmailLayout } from '../../shared/domain';
import { loadDefaultLayouts } from '../../main/services/layouts';
import { assetsDir } from '../../main/services/paths';
import { buildPixCode } from '../../shared/br';
import { collect } from '../support/cli';
import { pngLogo } from '../support/images';
import { testLine } from '../support/payment-codes';

const layout = loadDefaultLayouts(assetsDir()).find((l) => l.id === 'boleto-apos-vencimento')!;
const CRASHING = new URL('../fixtures/compose-worker-crash.mjs', import.meta.url);

async function job(number: string, patch: Partial<EmailLayout> = {}): Promise<ComposeJob> {
  return {
    layout: { ...layout, ...patch },
    context: {
      company: {
        name: 'Provedor Exemplo Ltda',
        document: '12.345.678/0001-95',
        email: 'financeiro@provedor.example',
        logo: await pngLogo(90),
      } as never,
      customer: { id: 'c1', name: 'Maria da Silva', email: 'maria@cliente.example' } as never,
      invoice: {
        id: number,
        customerId: 'c1',
        billingMethodId: 'boleto',
        number,
        issueDate: '2021-02-01',
        dueDate: '2021-02-20',
        amountCents: 9990,
        status: 'open',
        digitableLine: testLine('2021-02-20', 9990),
        pixCode: buildPixCode({
          key: 'financeiro@provedor.example',
          merchantName: 'PROVEDOR EXEMPLO',
          merchantCity: 'SAO PAULO',
          amountCents: 9990,
          txid: number.replace(/\W/g, ''),
        }),
      } as never,
      billingMethodName: 'Boleto Bancário',
      runDate: '2021-03-05',
      attachInvoice: true,
    },
  };
}

const pools: ComposePool[] = [];
const pool = (options: Parameters<typeof createComposePool>[0]) => {
  const p = createComposePool(options);
  pools.push(p);
  return p;
};
/** Composes the invoices numbered so, each as its job is ready, and settles them all. */
const composeAll = (p: ComposePool, numbers: string[]) =>
  Promise.allSettled(numbers.map(async (n) => p.compose(await job(n))));

afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

describe('the composition pool', () => {
  it('composes on a worker exactly the bytes composed on this thread', async () => {
    const jobs = await Promise.all(['N-1', 'N-2', 'N-3'].map((n) => job(n)));
    const here = await Promise.all(jobs.map(composeEncoded));
    const there = await Promise.all(jobs.map((j) => pool({ size: 2 }).compose(j)));
    expect(there).toEqual(here);
    expect(there.every((m) => Buffer.isBuffer(m.pdf) && m.inline.length === 2)).toBe(true);
  });

  it('fails only the notice whose composition killed its worker, and carries on with a new one', async () => {
    const p = pool({ size: 1, entry: CRASHING });
    const results = await composeAll(p, ['N-1', 'N-crash', 'N-3']);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason.message).toBe(WORKER_LOST);
    await expect(p.compose(await job('N-4'))).resolves.toMatchObject({ subject: expect.any(String) });
  });

  it('hands the notice waiting behind a worker that died to a new one', async () => {
    const p = pool({ size: 1, entry: CRASHING });
    // N-crash is being composed and N-2 waits in the same worker when it dies.
    const results = await composeAll(p, ['N-crash', 'N-2', 'N-3']);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
    expect((results[0] as PromiseRejectedResult).reason.message).toBe(WORKER_LOST);
  });

  it("reports a notice's composition error with the message composing here gives", async () => {
    const broken = await job('N-1', { html: '<p>{{#fatura}} sem fim</p>' });
    const here = await composeEncoded(broken).catch((e: Error) => e.message);
    expect(here).toMatch(/não foi fechada/);
    await expect(pool({ size: 1 }).compose(broken)).rejects.toThrow(here as string);
  });

  it('composes on this thread when no worker can start', async () => {
    const p = pool({ size: 1, entry: new URL('../fixtures/nao-existe.mjs', import.meta.url) });
    const [a, b] = await Promise.all([p.compose(await job('N-1')), p.compose(await job('N-2'))]);
    expect(a).toEqual(await composeEncoded(await job('N-1')));
    expect(b.subject).toContain('N-2');
  });

  it('answers the notices still waiting with an error when closed', async () => {
    const p = pool({ size: 1 });
    const waiting = Promise.allSettled([p.compose(await job('N-1')), p.compose(await job('N-2'))]);
    await p.close();
    expect((await waiting).map((r) => r.status)).toEqual(['rejected', 'rejected']);
    await expect(p.compose(await job('N-3'))).rejects.toThrow(/encerrada/);
  });

  it('never keeps a process alive once idle, closed or not', async () => {
    const child = spawn(process.execPath, ['bin/run-ts.js', 'test/fixtures/compose-unclosed.ts'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const result = await collect(child, 30_000);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^composed \d+/);
  });
});
