// Imports go through the engine's write lock and plan against the data as it is under it: two
// `regua import` at once, or an import while `regua serve` saves from the screens, lose nothing.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collect, runCli, spawnCli } from '../support/cli';
import { tempDir, writeDocument } from '../support/documents';
import { invoiceLine, invoicesCsv, windows1252 } from '../support/import-files';
import { apiCall, startServe } from '../support/serve';

const N = 300;

async function setUp(extra: Record<string, unknown> = {}) {
  const dir = await tempDir('regua-import-race-');
  const dataDir = join(dir, 'dados');
  const doc = {
    format: 'regua/v1',
    company: { name: 'Provedor', timezone: 'America/Sao_Paulo' },
    billingMethods: [{ id: 'boleto', name: 'Boleto Bancário' }],
    ...extra,
  };
  const result = await runCli(['--data-dir', dataDir, 'import', await writeDocument(dir, doc)]);
  expect(result.code, result.stderr).toBe(0);
  return { dir, dataDir };
}

type Exported = {
  customers: { id: string; name: string; email?: string; phone?: string; emailOptOut: boolean }[];
  invoices: { id: string }[];
  holidays: { date: string }[];
};
const exported = async (dataDir: string) =>
  JSON.parse((await runCli(['--data-dir', dataDir, 'export'])).stdout) as Exported;

describe('concurrent imports', () => {
  it('two `regua import` at once: the customers file and the invoices file both land on the same customers', async () => {
    const { dir, dataDir } = await setUp();
    const ids = Array.from({ length: N }, (_, i) => i + 1);
    // One file brings new phones, the other new e-mails and an invoice each: both must stay.
    const customers = [
      'Código do cliente;Nome;Telefone',
      ...ids.map(
        (i) =>
          `CLI${i};Cliente Número ${i};(11) 3${String(1000000 + i).slice(-7, -4)}-${String(1000 + i).slice(-4)}`,
      ),
    ].join('\r\n');
    const invoices = invoicesCsv(
      ids.map((i) => invoiceLine(i, { email: `novo${i}@cliente.example`, phone: '' })),
    );
    await writeFile(join(dir, 'clientes.csv'), windows1252(customers));
    await writeFile(join(dir, 'boletos.csv'), windows1252(invoices.replace(/;\(11\) 98765-4321;/g, ';;')));
    // Both first create the customers: whichever plans second sees the other's records, under the lock.
    const [a, b] = await Promise.all(
      ['clientes.csv', 'boletos.csv'].map((f) =>
        collect(spawnCli(['--data-dir', dataDir, 'import', join(dir, f)])),
      ),
    );
    expect(a!.code, a!.stderr).toBe(0);
    expect(b!.code, b!.stderr).toBe(0);
    const data = await exported(dataDir);
    expect(data.invoices).toHaveLength(N);
    expect(data.customers).toHaveLength(N);
    for (const c of data.customers) {
      const i = Number(c.id.slice(3));
      expect(c.email).toBe(`novo${i}@cliente.example`);
      expect(c.phone).toMatch(/^\(11\) 3/);
    }
  });

  it('an import while `regua serve` saves from the screens: every save and every imported line are there', async () => {
    const screenCustomers = Array.from({ length: 20 }, (_, i) => ({
      id: `TELA${i}`,
      name: `Cliente da tela ${i}`,
    }));
    const { dir, dataDir } = await setUp({ customers: screenCustomers });
    const served = await startServe(dataDir);
    try {
      await writeFile(
        join(dir, 'boletos.csv'),
        windows1252(invoicesCsv(Array.from({ length: N }, (_, i) => invoiceLine(i + 1)))),
      );
      const importing = collect(spawnCli(['--data-dir', dataDir, 'import', join(dir, 'boletos.csv')]));
      const saving = (async () => {
        for (const [i, c] of screenCustomers.entries()) {
          await apiCall(served, 'customers.save', { ...c, emailOptOut: true });
          await apiCall(served, 'holidays.add', {
            date: `2026-12-${String(i + 1).padStart(2, '0')}`,
            name: `Folga ${i}`,
          });
        }
      })();
      const [result] = await Promise.all([importing, saving]);
      expect(result.code, result.stderr).toBe(0);
    } finally {
      await served.stop();
    }
    const data = await exported(dataDir);
    expect(data.invoices).toHaveLength(N);
    expect(data.customers.filter((c) => c.id.startsWith('TELA')).every((c) => c.emailOptOut)).toBe(true);
    expect(data.customers).toHaveLength(N + screenCustomers.length);
    expect(data.holidays).toHaveLength(screenCustomers.length);
  });
});
