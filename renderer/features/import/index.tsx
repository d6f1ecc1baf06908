// Importar: a regua/v1 document from a file or pasted; Verificar shows every error with its JSON path
// or what would be created/updated; Importar (all or nothing) is enabled only for a clean document.
import { Button, Code, FileInput, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconFileTypeJs, IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import type { DocumentError, ImportSummary } from '../../../shared/records';
import { ApiCallError, call } from '../../api';
import { toastError, toastSaved } from '../../lib/forms';
import { ErrorReport, SummaryPreview } from './import-report';
import { parseJson } from './parse';
import { describeSummary } from './sections';

interface Checked {
  /** The exact text checked: editing it afterwards asks for a new check. */
  source: string;
  errors: DocumentError[];
  summary: ImportSummary | null;
  applied: boolean;
}

const fieldErrorsToList = (fieldErrors: Record<string, string>): DocumentError[] =>
  Object.entries(fieldErrors).map(([path, message]) => ({ path, message }));

export default function ImportPage() {
  const [file, setFile] = useState<File | null>(null);
  const [fileText, setFileText] = useState('');
  const [pasted, setPasted] = useState('');
  const [checked, setChecked] = useState<Checked | null>(null);
  const [busy, setBusy] = useState<'check' | 'apply' | null>(null);
  const source = file ? fileText : pasted;
  const current = checked?.source === source ? checked : null;
  const canImport = !!current && current.errors.length === 0 && !current.applied && busy === null;

  const chooseFile = async (chosen: File | null) => {
    setFile(chosen);
    setFileText(chosen ? await chosen.text() : '');
    if (chosen) setPasted('');
    setChecked(null);
  };

  const verify = async () => {
    const parsed = parseJson(source);
    if (!parsed.ok) {
      setChecked({ source, errors: [parsed.error], summary: null, applied: false });
      return;
    }
    setBusy('check');
    try {
      const result = await call('import.check', { document: parsed.document });
      setChecked({ source, ...result, applied: false });
    } catch (e) {
      toastError(e);
    } finally {
      setBusy(null);
    }
  };

  const apply = async () => {
    const parsed = parseJson(source);
    if (!parsed.ok) return;
    setBusy('apply');
    try {
      const summary = await call('import.apply', { document: parsed.document });
      setChecked({ source, errors: [], summary, applied: true });
      toastSaved(`Importação concluída — ${describeSummary(summary)}`);
    } catch (e) {
      if (e instanceof ApiCallError && e.error.code === 'validation' && e.error.fieldErrors)
        setChecked({ source, errors: fieldErrorsToList(e.error.fieldErrors), summary: null, applied: false });
      else toastError(e);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Stack gap="lg" maw={960}>
      <div>
        <Title order={2}>Importar</Title>
        <Text c="dimmed" mt={4}>
          Traga clientes, faturas e configurações de um documento <Code>regua/v1</Code> (o mesmo formato do
          comando <Code>regua import</Code>). Registros com o mesmo identificador são atualizados; com
          qualquer erro, nada é gravado.
        </Text>
      </div>

      <FileInput
        label="Arquivo .json"
        description="Exportado do seu ERP ou do comando regua export"
        placeholder="Escolher arquivo…"
        accept="application/json,.json"
        leftSection={<IconFileTypeJs size={18} />}
        clearable
        value={file}
        onChange={(f) => void chooseFile(f)}
        maw={480}
      />
      <Textarea
        label="…ou cole o conteúdo do documento"
        placeholder='{ "format": "regua/v1", "customers": [ … ], "invoices": [ … ] }'
        autosize
        minRows={6}
        maxRows={16}
        disabled={!!file}
        description={file ? 'Limpe o arquivo escolhido para colar um documento' : undefined}
        value={pasted}
        onChange={(e) => {
          setPasted(e.currentTarget.value);
        }}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }}
      />

      <Group>
        <Button
          variant="default"
          onClick={() => void verify()}
          loading={busy === 'check'}
          disabled={!source.trim()}
        >
          Verificar
        </Button>
        <Button
          leftSection={<IconUpload size={18} />}
          onClick={() => void apply()}
          loading={busy === 'apply'}
          disabled={!canImport}
        >
          Importar
        </Button>
        {!current && source.trim() && (
          <Text size="sm" c="dimmed">
            Verifique o documento antes de importar.
          </Text>
        )}
      </Group>

      {current && current.errors.length > 0 && <ErrorReport errors={current.errors} />}
      {current?.summary && <SummaryPreview summary={current.summary} applied={current.applied} />}
    </Stack>
  );
}
