// Importar: a file from the ERP or the bank (or a regua/v1 document), dropped or picked; main reads it
// and says what it is and what importing it would change, saving nothing. Spreadsheets show their
// columns mapped to Régua's fields (editable, savable as a model); every bad line is listed. Then
// Importar — or, with bad lines, "Importar só as linhas válidas" or "Não importar nada".
import { Button, Code, Group, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconUpload, IconX } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { ImportResult } from '../../../shared/contract/imports';
import { ROW_TYPE_LABELS, ROW_TYPES, type RowType } from '../../../shared/import-fields';
import { IMPORT_KIND_LABELS } from '../../../shared/import-outcome';
import { call } from '../../api';
import { toastError, toastSaved } from '../../lib/forms';
import { fromFile, fromText, type FileSource } from './file-source';
import { DropZone } from './drop-zone';
import { ErrorReport, SummaryPreview } from './import-report';
import { MappingTable, PreviewTable, type Mapping } from './mapping-table';
import { BankNotes, OutcomeSummary, RejectedLines } from './outcome';
import { PresetControls } from './preset-controls';
import { describeSummary } from './sections';
import { validLinesSummary } from './valid-lines';

interface Choices {
  type: RowType | null;
  presetId: string | null;
  mapping: Mapping | null;
}
const NO_CHOICES: Choices = { type: null, presetId: null, mapping: null };

const isSheet = (r: ImportResult) => r.kind === 'csv' || r.kind === 'xlsx';

export default function ImportPage() {
  const [source, setSource] = useState<FileSource | null>(null);
  const [choices, setChoices] = useState<Choices>(NO_CHOICES);
  const [checked, setChecked] = useState<ImportResult | null>(null);
  const [applied, setApplied] = useState<ImportResult | null>(null);
  const [busy, setBusy] = useState<'check' | 'apply' | null>(null);
  const [pasted, setPasted] = useState('');

  const input = source && {
    fileName: source.fileName,
    contentBase64: source.contentBase64,
    type: choices.type,
    presetId: choices.presetId,
    mapping: choices.mapping,
  };
  const inputKey = JSON.stringify(input && { ...input, contentBase64: input.contentBase64.length });

  // Every file, type, model or column change is checked again against the data as it is now.
  useEffect(() => {
    if (!input) return;
    let current = true;
    setBusy('check');
    setApplied(null);
    call('imports.check', input)
      .then((result) => current && setChecked(result))
      .catch((e: unknown) => {
        if (!current) return;
        setChecked(null);
        toastError(e);
      })
      .finally(() => current && setBusy(null));
    return () => {
      current = false;
    };
  }, [inputKey, source]);

  const choose = async (file: File) => {
    try {
      setPasted('');
      setChoices(NO_CHOICES);
      setChecked(null);
      setSource(await fromFile(file));
    } catch (e) {
      toastError(e);
    }
  };

  const apply = async (onlyValid: boolean) => {
    if (!input) return;
    setBusy('apply');
    try {
      const result = await call('imports.apply', { ...input, onlyValid });
      setApplied(result);
      if (result.status !== 'refused')
        toastSaved(
          result.kind === 'regua-json' && result.documentSummary
            ? `Importação concluída — ${describeSummary(result.documentSummary)}`
            : `Importação concluída — ${result.summary}`,
        );
    } catch (e) {
      toastError(e);
    } finally {
      setBusy(null);
    }
  };

  const reset = () => {
    setSource(null);
    setChecked(null);
    setApplied(null);
    setChoices(NO_CHOICES);
  };

  const shown = applied ?? checked;
  const stalePaste = source?.from === 'paste' && source.text !== pasted;
  const current = stalePaste ? null : shown;
  const hasValidLines =
    !!checked?.counts &&
    checked.counts.customers.created +
      checked.counts.customers.updated +
      checked.counts.invoices.created +
      checked.counts.invoices.updated +
      checked.counts.paid >
      0;
  const refusedWithLines = checked?.status === 'refused' && checked.rejected.some((r) => r.line > 0);
  const canImport = !!checked && !applied && checked.status !== 'refused' && busy === null && !stalePaste;

  return (
    <Stack gap="lg" maw={1100}>
      <div>
        <Title order={2}>Importar</Title>
        <Text c="dimmed" mt={4}>
          Traga clientes, faturas e pagamentos dos arquivos que você já tem. Registros com o mesmo código são
          atualizados; importar o mesmo arquivo de novo não muda nada. Com qualquer linha errada, você
          escolhe: importar só as linhas válidas ou nada.
        </Text>
      </div>

      <DropZone onFile={(f) => void choose(f)} fileName={source?.from === 'file' ? source.fileName : null} />
      <Textarea
        label="…ou cole o conteúdo do documento"
        description={
          <>
            Um documento <Code>regua/v1</Code> ou as linhas de uma planilha CSV, com o cabeçalho.
          </>
        }
        placeholder='{ "format": "regua/v1", "customers": [ … ], "invoices": [ … ] }'
        autosize
        minRows={3}
        maxRows={12}
        disabled={source?.from === 'file'}
        value={pasted}
        onChange={(e) => setPasted(e.currentTarget.value)}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }}
      />

      <Group>
        <Button
          variant="default"
          loading={busy === 'check'}
          disabled={source?.from === 'file' ? false : !pasted.trim()}
          onClick={() => {
            if (source?.from === 'file') setSource({ ...source });
            else {
              setChoices(NO_CHOICES);
              setSource(fromText(pasted));
            }
          }}
        >
          Verificar
        </Button>
        {!refusedWithLines && (
          <Button
            leftSection={<IconUpload size={18} />}
            loading={busy === 'apply'}
            disabled={!canImport}
            onClick={() => void apply(false)}
          >
            Importar
          </Button>
        )}
        {refusedWithLines && !applied && (
          <>
            <Button
              leftSection={<IconUpload size={18} />}
              loading={busy === 'apply'}
              disabled={!hasValidLines || busy !== null || stalePaste}
              onClick={() => void apply(true)}
            >
              Importar só as linhas válidas
            </Button>
            <Button variant="default" leftSection={<IconX size={18} />} onClick={reset}>
              Não importar nada
            </Button>
          </>
        )}
        {(applied || stalePaste) && (
          <Text size="sm" c="dimmed">
            {stalePaste ? 'O conteúdo mudou: verifique de novo antes de importar.' : ''}
          </Text>
        )}
        {applied && (
          <Button variant="subtle" onClick={reset}>
            Importar outro arquivo
          </Button>
        )}
      </Group>

      {current && (
        <Stack gap="md">
          <Text size="sm">
            <b>{current.fileName}</b>: {IMPORT_KIND_LABELS[current.kind]}
            {current.bank ? ` — ${current.bank.name}` : ''}
          </Text>
          {isSheet(current) && !applied && (
            <Group align="flex-end" gap="sm">
              <Select
                label="Cada linha é"
                data={ROW_TYPES.map((t) => ({ value: t, label: `${ROW_TYPE_LABELS[t]}` }))}
                allowDeselect={false}
                value={current.type}
                onChange={(v) => v && setChoices({ ...choices, type: v as RowType })}
                w={200}
              />
              <PresetControls
                presetId={choices.presetId}
                type={current.type ?? 'invoices'}
                mapping={current.mapping}
                onChoose={(presetId) => setChoices({ type: null, mapping: null, presetId })}
              />
            </Group>
          )}
          {isSheet(current) && !applied && current.columns.length > 0 && (
            <MappingTable
              columns={current.columns}
              mapping={current.mapping}
              preview={current.preview}
              onChange={(mapping) => setChoices({ ...choices, mapping })}
            />
          )}
          {!isSheet(current) && current.kind !== 'regua-json' && (
            <PreviewTable columns={current.columns} preview={current.preview} />
          )}
          <OutcomeSummary result={current} />
          {refusedWithLines && !applied && hasValidLines && checked?.counts && (
            <Text size="sm">Só as linhas válidas: {validLinesSummary(checked.counts)}.</Text>
          )}
          <RejectedLines result={current} />
          <BankNotes result={current} />
          {current.kind === 'regua-json' && current.documentErrors.length > 0 && (
            <ErrorReport errors={current.documentErrors} />
          )}
          {current.kind === 'regua-json' && current.documentSummary && (
            <SummaryPreview summary={current.documentSummary} applied={!current.dryRun} />
          )}
        </Stack>
      )}
    </Stack>
  );
}
