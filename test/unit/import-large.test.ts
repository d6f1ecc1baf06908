// 50,000 lines of a Windows-1252 ";" open-boletos CSV with 7 bad lines: the report names each one,
// the good lines plan as creates, and planning again against the applied result changes nothing.
// Prints the parse + plan time and the peak RSS (the bench holds the targets: < 5 s, < 400 MB).
import { describe, expect, it } from 'vitest';
import { formatRejectedLine, parseImportFile, planImport } from '../../main/services/import';
import { invoiceLine, invoicesCsv, store, windows1252, type InvoiceLine } from '../support/import-files';

const LINES = 50_000;

/** Line numbers in the file are index + 2 (the header is line 1). */
const BAD: Record<number, [Partial<InvoiceLine>, string]> = {
  101: [{ email: 'maria@' }, "coluna E-mail: 'maria@' não é um e-mail válido"],
  2_002: [
    { document: '111.111.111-11' },
    "coluna CPF/CNPJ: '111.111.111-11' — CPF inválido: todos os dígitos iguais",
  ],
  9_003: [{ phone: 'abc' }, "coluna Celular: 'abc' — telefone inválido"],
  17_004: [{ method: 'Carnê' }, "coluna Forma de cobrança: 'Carnê' — forma de cobrança desconhecida"],
  25_005: [{ status: 'Talvez' }, "coluna Situação: 'Talvez' — situação desconhecida"],
  33_006: [{ line: '23793.38128 60082.677099 32000.063305 8 13990000009990' }, 'coluna Linha digitável'],
  49_007: [{ number: 'F10' }, 'fatura F10 repetida no arquivo (já na linha 12)'],
};

describe('a 50,000-line CSV', () => {
  it('reports the 7 bad lines and plans the rest; the second plan changes nothing', async () => {
    const lines = Array.from({ length: LINES }, (_, i) => invoiceLine(i, BAD[i + 2]?.[0]));
    const bytes = windows1252(invoicesCsv(lines));
    const s = store();

    let peak = process.memoryUsage().rss;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const started = performance.now();
    const parsed = await parseImportFile(bytes, { fileName: 'boletos-em-aberto.csv' });
    const plan = planImport(s.snapshot(), parsed, { onlyValid: true });
    const elapsed = performance.now() - started;
    clearInterval(timer);
    peak = Math.max(peak, process.memoryUsage().rss);
    console.log(
      `import of ${LINES} CSV lines: parse + plan ${(elapsed / 1000).toFixed(2)} s, peak RSS ${(peak / 2 ** 20).toFixed(0)} MB`,
    );

    const report = plan.rejected.map(formatRejectedLine);
    expect(new Set(plan.rejected.map((r) => r.line))).toEqual(new Set(Object.keys(BAD).map(Number)));
    for (const [line, [, message]] of Object.entries(BAD))
      expect(
        report.some((r) => r.startsWith(`linha ${line}`) && r.includes(message)),
        `${line}: ${report.join('\n')}`,
      ).toBe(true);
    expect(plan.counts.invoices).toEqual({ created: LINES - 7, updated: 0, unchanged: 0 });
    expect(plan.counts.customers.created).toBe(LINES - 7);

    s.apply(plan);
    const again = planImport(s.snapshot(), parsed, { onlyValid: true });
    expect(again.invoices).toEqual([]);
    expect(again.customers).toEqual([]);
    expect(again.counts.invoices).toEqual({ created: 0, updated: 0, unchanged: LINES - 7 });
    expect(again.summary).toBe('nada mudou; 7 linhas com erro ignoradas');
  });
});
