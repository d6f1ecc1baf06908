// `regua import` as a clerk runs it, against a real SMTP server: an ERP CSV and an XLSX, then bank
// retornos (CNAB 240 and 400, written from the layouts by test/support/cnab-writer.ts) mark invoices
// paid; the next run sends those no after-due notice and the history says "fatura paga". Exit codes,
// --only-valid, --json, --report and --dry-run as documented.
import ExcelJS from 'exceljs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ImportOutcome } from '../../shared/import-outcome';
import type { RunReport } from '../../shared/records';
import { useSmtpServer } from '../support/api';
import { runCli } from '../support/cli';
import { cnab240Retorno, cnab400Retorno } from '../support/cnab-writer';
import { baseDocument, tempDir, writeDocument } from '../support/documents';
import { invoiceLine, invoicesCsv, windows1252 } from '../support/import-files';

const smtp = useSmtpServer();
let dir: string;
const NOW = { REGUA_NOW: '2026-03-10T13:00:00Z' };
const regua = (...args: string[]) => runCli(['--data-dir', join(dir, 'dados'), ...args], { env: NOW });

beforeEach(async () => {
  dir = await tempDir('regua-import-cli-');
  const doc = baseDocument(smtp.port, {
    billingMethods: [
      {
        id: 'boleto',
        name: 'Boleto Bancário',
        sendRules: [{ id: 'apos-3', kind: 'after_due', days: 3, layoutId: 'boleto-apos-vencimento' }],
      },
    ],
    customers: [],
    invoices: [],
  });
  const setUp = await regua('import', await writeDocument(dir, doc));
  expect(setUp.code, setUp.stderr).toBe(0);
});

const DUE = '2026-03-10';
const lines = [1, 2, 3, 4].map((i) => invoiceLine(i, { due: DUE, amountCents: 9990 }));

async function writeFileIn(name: string, bytes: Uint8Array | string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, bytes);
  return path;
}

const paid = (nossoNumero: string) => ({
  nossoNumero,
  code: '06',
  dueDate: DUE,
  amountCents: 9990,
  paidCents: 9990,
  date: '2026-03-11',
});

async function runJson(date: string): Promise<RunReport> {
  const result = await regua('run', '--date', date, '--json');
  expect(result.code, result.stderr).toBe(0);
  return (JSON.parse(result.stdout) as RunReport[])[0]!;
}

describe('an ERP CSV, then retornos, then the run', () => {
  it('CNAB 240 and 400 payments stop the after-due notices and the history says "fatura paga"', async () => {
    const csv = await writeFileIn('boletos.csv', windows1252(invoicesCsv(lines)));
    const imported = await regua('import', csv);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toBe(
      'boletos.csv importado (planilha CSV, faturas): 4 clientes incluídos, 4 faturas incluídas\n',
    );

    const r240 = await writeFileIn('COB.RET', cnab240Retorno('756', [paid(lines[0]!.nossoNumero)]));
    const out240 = await regua('import', r240);
    expect(out240.code, out240.stderr).toBe(0);
    expect(out240.stdout).toContain('COB.RET importado (retorno do banco CNAB 240');
    expect(out240.stdout).toContain('1 fatura marcada como paga');

    const r400 = await writeFileIn('CB1103.RET', cnab400Retorno('237', [paid(lines[1]!.nossoNumero)]));
    const out400 = await regua('import', r400, '--json');
    expect(out400.code, out400.stderr).toBe(0);
    expect(JSON.parse(out400.stdout) as ImportOutcome).toMatchObject({
      kind: 'cnab400',
      type: 'payments',
      status: 'imported',
      bank: { code: '237' },
      counts: { paid: 1 },
    });

    // 13/03: after_due 3 for the invoices due 10/03. F1 and F2 are paid.
    const report = await runJson('2026-03-13');
    expect(report.counts.sent).toBe(2);
    expect(report.outcomes.map((o) => o.notice.invoiceId).sort()).toEqual(['F3', 'F4']);
    expect(report.skipped.map((s) => [s.invoiceId, s.reason]).sort()).toEqual([
      ['F1', 'invoice_paid'],
      ['F2', 'invoice_paid'],
    ]);
    expect((await smtp.messages()).map((m) => m.envelopeTo[0]).sort()).toEqual([
      'cliente3@provedor.example',
      'cliente4@provedor.example',
    ]);
    const history = async () =>
      JSON.parse((await regua('history', '--invoice', 'F1', '--json')).stdout) as {
        status: string;
        reason: string;
      }[];
    expect(await history()).toEqual([expect.objectContaining({ status: 'skipped', reason: 'fatura paga' })]);

    // Run again: the paid notice was said once, not every run.
    await runJson('2026-03-13');
    expect(await history()).toHaveLength(1);
  });

  it('an XLSX of customers, as a spreadsheet program saves it', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Clientes');
    ws.getCell('A1').value = 'Cadastro de clientes';
    ws.mergeCells('A1:D1');
    ws.getRow(3).values = ['Código do cliente', 'Nome', 'CPF/CNPJ', 'E-mail'];
    ws.addRow([1001, 'Maria da Conceição', 52998224725, 'maria@cliente.example']);
    ws.addRow([1002, 'José Antônio', 1234567890, 'jose@cliente.example']);
    const path = await writeFileIn('clientes.xlsx', new Uint8Array(await wb.xlsx.writeBuffer()));
    const result = await regua('import', path);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('clientes.xlsx importado (planilha XLSX, clientes): 2 clientes incluídos\n');
    const exported = JSON.parse((await regua('export')).stdout) as {
      customers: { id: string; document: string; name: string }[];
    };
    expect(exported.customers).toEqual([
      expect.objectContaining({ id: '1001', name: 'Maria da Conceição', document: '529.982.247-25' }),
      expect.objectContaining({ id: '1002', name: 'José Antônio', document: '012.345.678-90' }),
    ]);
  });
});

describe('refused, only valid, report, dry run', () => {
  const bad = [...lines.slice(0, 2), invoiceLine(3, { due: DUE, email: 'maria@' }), lines[3]!];

  it('exit 2 and nothing saved, each rejected line on stderr as a clerk reads it', async () => {
    const csv = await writeFileIn('boletos.csv', windows1252(invoicesCsv(bad)));
    const result = await regua('import', csv, '--report', join(dir, 'erros.csv'));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('regua: arquivo recusado, nada foi gravado (1 problema):');
    expect(result.stderr).toContain("  linha 4, coluna E-mail: 'maria@' não é um e-mail válido");
    expect(result.stderr).not.toMatch(/Error|at .*\.ts/);
    const report = await readFile(join(dir, 'erros.csv'), 'utf8');
    expect(report).toBe(
      '\uFEFF"Linha";"Coluna";"Valor";"Problema"\r\n"4";"E-mail";"maria@";"não é um e-mail válido"\r\n',
    );
    const exported = JSON.parse((await regua('export')).stdout) as { invoices: unknown[] };
    expect(exported.invoices).toEqual([]);
  });

  it('--only-valid: exit 0, the good lines land, the rejected ones on stderr and in --json', async () => {
    const csv = await writeFileIn('boletos.csv', windows1252(invoicesCsv(bad)));
    const result = await regua('import', csv, '--only-valid', '--json');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain("linha 4, coluna E-mail: 'maria@' não é um e-mail válido");
    const outcome = JSON.parse(result.stdout) as ImportOutcome;
    expect(outcome).toMatchObject({ status: 'imported', counts: { invoices: { created: 3 } } });
    expect(outcome.rejected).toEqual([
      { line: 4, column: 'E-mail', value: 'maria@', message: 'não é um e-mail válido' },
    ]);
    const again = await regua('import', csv, '--only-valid');
    expect(again.stdout).toBe(
      'boletos.csv lido (planilha CSV, faturas): nada mudou; 1 linha com erro ignorada\n',
    );
  });

  it('--only-valid with not one valid line: exit 2, nothing saved, each line named', async () => {
    const allBad = [1, 2].map((i) => invoiceLine(i, { due: DUE, email: `cliente${i}@` }));
    const csv = await writeFileIn('boletos.csv', windows1252(invoicesCsv(allBad)));
    const result = await regua('import', csv, '--only-valid');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('regua: arquivo recusado, nada foi gravado (2 problemas):');
    expect(result.stderr).toContain("linha 2, coluna E-mail: 'cliente1@' não é um e-mail válido");
    expect(result.stderr).toContain("linha 3, coluna E-mail: 'cliente2@' não é um e-mail válido");
    expect(result.stderr).not.toContain('--only-valid');
    expect(result.stdout).toBe('');
    expect((JSON.parse((await regua('export')).stdout) as { invoices: unknown[] }).invoices).toEqual([]);
  });

  it('--dry-run says what would change and writes nothing; --type and --preset are checked', async () => {
    const csv = await writeFileIn('boletos.csv', windows1252(invoicesCsv(lines)));
    const dry = await regua('import', csv, '--dry-run');
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/^SIMULAÇÃO \(nada foi gravado\): boletos.csv seria importado/);
    expect((JSON.parse((await regua('export')).stdout) as { invoices: unknown[] }).invoices).toEqual([]);
    const badType = await regua('import', csv, '--type', 'boletos');
    expect([badType.code, badType.stderr]).toEqual([
      2,
      'regua: --type inválido: boletos (use customers, invoices ou payments)\n',
    ]);
    const badPreset = await regua('import', csv, '--preset', 'SGP');
    expect([badPreset.code, badPreset.stderr]).toEqual([
      2,
      'regua: modelo de importação não encontrado: SGP\n',
    ]);
  });
});
