// `regua import ARQUIVO`: any file the office has (ERP CSV/XLSX, bank retorno, regua/v1) through the
// one import path. Exit 0 when imported (or nothing changed); 2 when refused, nothing saved, each
// rejected line on stderr as a clerk reads it. With --only-valid the valid lines land (exit 0) and
// the rejected ones are listed on stderr and in --json.
import { readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { formatDateBR, formatMoneyBR } from '../shared/calendar';
import { ROW_TYPES, ROW_TYPE_LABELS, type RowType } from '../shared/import-fields';
import { IMPORT_KIND_LABELS, type ImportOutcome, type RejectedLine } from '../shared/import-outcome';
import type { Flags } from './cli';
import { UsageError } from './cli-usage';
import type { Engine } from './engine';
import { importFile, UnknownPresetError } from './services/import/apply';
import { formatRejectedLine, rejectedLinesCsv } from './services/import/report';

async function readInput(file: string): Promise<Uint8Array> {
  try {
    return await readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(
      `não foi possível ler ${file}: ${code === 'ENOENT' ? 'arquivo não encontrado' : code === 'EISDIR' ? 'é uma pasta' : (code ?? 'erro de leitura')}`,
    );
  }
}

/** A regua/v1 document's errors in the rejected-lines shape, for --report. */
const documentLines = (o: ImportOutcome): RejectedLine[] =>
  o.documentErrors.map((e) => ({ line: 0, column: e.path, value: '', message: e.message }));

function problems(o: ImportOutcome): string[] {
  return o.kind === 'regua-json'
    ? o.documentErrors.map((e) => `${e.path}: ${e.message}`)
    : o.rejected.map(formatRejectedLine);
}

function describeFile(o: ImportOutcome): string {
  const type =
    o.type && o.kind !== 'cnab240' && o.kind !== 'cnab400'
      ? `, ${ROW_TYPE_LABELS[o.type].toLowerCase()}`
      : '';
  return `${IMPORT_KIND_LABELS[o.kind]}${o.bank ? ` — ${o.bank.name}` : ''}${type}`;
}

function printOutcome(file: string, o: ImportOutcome): void {
  const prefix = o.dryRun ? 'SIMULAÇÃO (nada foi gravado): ' : '';
  const verb = o.dryRun ? 'seria importado' : o.status === 'unchanged' ? 'lido' : 'importado';
  console.log(`${prefix}${basename(file)} ${verb} (${describeFile(o)}): ${o.summary}`);
  if (o.paymentsRefreshed.length) console.log(`  pagamentos atualizados: ${o.paymentsRefreshed.join(', ')}`);
  for (const u of o.unknownNossoNumeros)
    console.log(
      `  nosso número desconhecido na linha ${u.line}: ${u.nossoNumero} (pago em ${formatDateBR(u.date)}, ${formatMoneyBR(u.amountCents)})`,
    );
  for (const oc of o.occurrences)
    console.log(
      `  ocorrência não aplicada na linha ${oc.line}: ${oc.nossoNumero} — ${oc.code} ${oc.description}`,
    );
}

export async function importCommand(app: Engine, file: string | undefined, flags: Flags): Promise<number> {
  if (!file) throw new UsageError('informe o arquivo: regua import ARQUIVO');
  const type = flags.type as RowType | undefined;
  if (type !== undefined && !ROW_TYPES.includes(type))
    throw new UsageError(`--type inválido: ${flags.type} (use customers, invoices ou payments)`);
  const bytes = await readInput(file);
  let outcome: ImportOutcome;
  try {
    outcome = await importFile(app, {
      bytes,
      fileName: basename(file),
      baseDir: dirname(resolve(file)),
      type,
      preset: flags.preset,
      onlyValid: !!flags['only-valid'],
      dryRun: !!flags['dry-run'],
    });
  } catch (e) {
    if (e instanceof UnknownPresetError) throw new UsageError(e.message);
    throw e;
  }
  if (flags.report) {
    const lines = outcome.kind === 'regua-json' ? documentLines(outcome) : outcome.rejected;
    await writeFile(flags.report, rejectedLinesCsv(lines));
  }
  const listed = problems(outcome);
  if (flags.json) console.log(JSON.stringify(outcome, null, 2));
  if (outcome.status === 'refused') {
    const what = outcome.kind === 'regua-json' ? 'documento recusado' : 'arquivo recusado';
    const count = listed.length === 1 ? '1 problema' : `${listed.length} problemas`;
    console.error(`regua: ${what}, nada foi gravado (${count}):`);
    for (const p of listed) console.error(`  ${p}`);
    if (!flags['only-valid'] && outcome.rejected.some((r) => r.line > 0 && r.column !== ''))
      console.error('  (corrija o arquivo, ou importe só as linhas válidas com --only-valid)');
    return 2;
  }
  if (!flags.json) printOutcome(file, outcome);
  if (listed.length) {
    const lines = new Set(outcome.rejected.map((r) => r.line)).size;
    const count = lines === 1 ? '1 linha recusada' : `${lines} linhas recusadas`;
    console.error(`regua: ${count}, não importada(s):`);
    for (const p of listed) console.error(`  ${p}`);
  }
  return 0;
}
