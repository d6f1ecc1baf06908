// The "Importar arquivos" routine with the real daemon: a file left in the folder while Régua was off
// is imported at start, files dropped while it runs are picked up by the poll; each one is moved to
// processados/ or com-erro/ with its report beside it, and the run log says what became of it. A
// routine set "just before" a sending imports the morning's file before that run plans.
import { mkdir, readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunRecord, RunReport } from '../../shared/records';
import { useSmtpServer } from '../support/api';
import { collect, runCli, spawnCli } from '../support/cli';
import { cnab240Retorno } from '../support/cnab-writer';
import { baseDocument, tempDir, writeDocument } from '../support/documents';
import { invoiceLine, invoicesCsv, windows1252 } from '../support/import-files';

const smtp = useSmtpServer();
let dir: string;
let folder: string;
const NOW = '2026-03-13T15:00:00Z';
const ENV = { REGUA_NOW: NOW, REGUA_IMPORT_POLL_MS: '300', REGUA_IMPORT_SETTLE_MS: '200' };
const dataDir = () => join(dir, 'dados');
const regua = (...args: string[]) => runCli(['--data-dir', dataDir(), ...args], { env: ENV });

const DUE = '2026-03-10';
const lines = [1, 2].map((i) => invoiceLine(i, { due: DUE, amountCents: 9990 }));

async function setUp(importRoutine: Record<string, unknown>) {
  dir = await tempDir('regua-folder-');
  folder = join(dir, 'entrada');
  await mkdir(folder);
  const base = baseDocument(smtp.port, { customers: [], invoices: [] });
  const doc = {
    ...base,
    billingMethods: [
      {
        id: 'boleto',
        name: 'Boleto Bancário',
        sendRules: [{ id: 'apos-3', kind: 'after_due', days: 3, layoutId: 'boleto-apos-vencimento' }],
      },
    ],
    routines: [
      ...(base.routines as object[]),
      {
        id: 'importar',
        description: 'Importar do ERP e do banco',
        task: 'import_files',
        schedule: { frequency: 'daily', time: '07:50:00' },
        runOnHolidays: true,
        folder,
        ...importRoutine,
      },
    ],
  };
  const result = await regua('import', await writeDocument(dir, doc));
  expect(result.code, result.stderr).toBe(0);
}

/** A file as another program leaves it: written, then untouched for a while. */
async function drop(name: string, bytes: Uint8Array | string, settled = true) {
  const path = join(folder, name);
  await writeFile(path, bytes);
  if (settled) {
    const past = new Date(Date.now() - 60_000);
    await utimes(path, past, past);
  }
}

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false>,
  ms = 30_000,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe().catch(() => null);
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const listed = (sub: string) => readdir(join(folder, sub)).catch(() => [] as string[]);
const exported = async () =>
  JSON.parse((await regua('export')).stdout) as { invoices: { id: string; status: string }[] };

describe('the watched folder', () => {
  it('imports what was left while off, then files dropped while running; reports beside each moved file', async () => {
    await setUp({ watch: true });
    await drop('boletos.csv', windows1252(invoicesCsv(lines)));

    const daemon = spawnCli(['--data-dir', dataDir(), 'daemon'], { env: ENV });
    const exited = collect(daemon);
    try {
      const processed = await waitFor('the CSV in processados/', async () => {
        const names = await listed('processados');
        return names.some((n) => n.endsWith(' boletos.csv')) && names;
      });
      expect(processed.sort()).toEqual([
        expect.stringMatching(/^2026-03-13 12\.00\.\d\d boletos\.csv$/),
        expect.stringMatching(/^2026-03-13 12\.00\.\d\d boletos\.csv\.relatorio\.txt$/),
      ]);
      const report = await readFile(
        join(
          folder,
          'processados',
          processed.find((n) => n.endsWith('.relatorio.txt'))!,
        ),
        'utf8',
      );
      expect(report).toContain('Resultado: 2 clientes incluídos, 2 faturas incluídas');
      expect(await readdir(folder)).toEqual(['processados']);

      // Dropped while running: a retorno just written (taken once it has been still long enough), a bad CSV.
      await drop(
        'COB1303.RET',
        cnab240Retorno('756', [
          {
            nossoNumero: lines[0]!.nossoNumero,
            code: '06',
            dueDate: DUE,
            amountCents: 9990,
            paidCents: 9990,
            date: '2026-03-12',
          },
        ]),
        false,
      );
      await drop('ruim.csv', windows1252(invoicesCsv([invoiceLine(9, { email: 'maria@' })])));
      await waitFor('the retorno processed', async () =>
        (await listed('processados')).some((n) => n.endsWith('COB1303.RET')),
      );
      await waitFor('the bad file in com-erro/', async () =>
        (await listed('com-erro')).some((n) => n.endsWith(' ruim.csv')),
      );
      const failed = await listed('com-erro');
      expect(failed.some((n) => n.endsWith('ruim.csv.linhas-com-erro.csv'))).toBe(true);
      const failedReport = await readFile(
        join(
          folder,
          'com-erro',
          failed.find((n) => n.endsWith('.relatorio.txt'))!,
        ),
        'utf8',
      );
      expect(failedReport).toContain('Resultado: RECUSADO, nada foi gravado');
      expect(failedReport).toContain("linha 2, coluna E-mail: 'maria@' não é um e-mail válido");
      expect((await exported()).invoices.map((i) => [i.id, i.status])).toEqual([
        ['F1', 'paid'],
        ['F2', 'open'],
      ]);
    } finally {
      daemon.kill('SIGTERM');
    }
    const result = await exited;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(
      'rotina importar (watch): 1 arquivo importado — boletos.csv: 2 clientes incluídos, 2 faturas incluídas',
    );
    const runs = (await readFile(join(dataDir(), 'runs.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as RunRecord)
      .filter((r) => r.routineId === 'importar' && r.status === 'completed');
    expect(runs.flatMap((r) => r.files!.map((f) => `${f.name}:${f.status}`)).sort()).toEqual([
      'COB1303.RET:imported',
      'boletos.csv:imported',
      'ruim.csv:refused',
    ]);
    expect(runs.every((r) => r.trigger === 'watch')).toBe(true);
  });

  it('"just before" a sending routine: the morning file lands first and its notices go in that run', async () => {
    await setUp({ watch: false, beforeRoutineId: 'diaria' });
    await drop('boletos.csv', windows1252(invoicesCsv(lines)));
    const result = await regua('run', '--date', '2026-03-13', '--json');
    expect(result.code, result.stderr).toBe(0);
    const [report] = JSON.parse(result.stdout) as RunReport[];
    expect(report!.counts.sent).toBe(2);
    expect((await listed('processados')).some((n) => n.endsWith(' boletos.csv'))).toBe(true);
    const runs = (await readFile(join(dataDir(), 'runs.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as RunRecord);
    const importRun = runs.find((r) => r.routineId === 'importar' && r.status === 'completed')!;
    const sendRun = runs.find((r) => r.routineId === 'diaria' && r.status === 'running')!;
    expect(importRun.finishedAt! <= sendRun.startedAt).toBe(true);
    expect(importRun.reason).toBe('1 arquivo importado');
  });
});
