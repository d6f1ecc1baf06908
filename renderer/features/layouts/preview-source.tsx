// What the preview (and the test send) renders with: the sample data, or one real invoice; and the
// send date the day counts are computed for.
import { Group, Radio, Select, Stack, Text } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useState } from 'react';
import { parseDateBR } from '../../lib/format';
import { useInvoiceOptions, type InvoiceOption } from './use-invoice-options';

export interface PreviewSource {
  mode: 'sample' | 'invoice';
  invoiceId: string | null;
  /** YYYY-MM-DD; null = today. */
  runDate: string | null;
}

export const SAMPLE_SOURCE: PreviewSource = { mode: 'sample', invoiceId: null, runDate: null };

/** The invoice the draft renders with: none until one is chosen in "uma fatura real". */
export const sourceInvoiceId = (s: PreviewSource) => (s.mode === 'invoice' ? s.invoiceId : null);

export function PreviewSourcePicker(props: {
  value: PreviewSource;
  onChange: (next: PreviewSource) => void;
}) {
  const { value, onChange } = props;
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<InvoiceOption | null>(null);
  // Once an invoice is picked the box shows its label; that label is not a search.
  const invoices = useInvoiceOptions(search === chosen?.label ? '' : search);

  const unavailable =
    invoices.hasAny === false
      ? 'Nenhuma fatura cadastrada ainda: importe as faturas (menu Importar) para ver a prévia com uma delas.'
      : invoices.hasAny === null && invoices.error
        ? `Lista de faturas indisponível no momento (${invoices.error}). Use os dados de exemplo.`
        : null;
  const data =
    chosen && !invoices.options.some((o) => o.value === chosen.value)
      ? [chosen, ...invoices.options]
      : invoices.options;

  return (
    <Stack gap="xs">
      <Radio.Group
        label="Dados da prévia"
        value={value.mode}
        onChange={(mode) => onChange({ ...value, mode: mode as PreviewSource['mode'] })}
      >
        <Group mt={4}>
          <Radio value="sample" label="Dados de exemplo" />
          <Radio
            value="invoice"
            label="Uma fatura real"
            disabled={invoices.hasAny !== true}
            aria-describedby={unavailable ? 'layout-preview-invoices-hint' : undefined}
          />
        </Group>
      </Radio.Group>
      {unavailable && (
        <Text id="layout-preview-invoices-hint" size="xs" c="dimmed">
          {unavailable}
        </Text>
      )}
      {value.mode === 'invoice' && (
        <Select
          label="Fatura"
          description={
            value.invoiceId ? undefined : 'Escolha uma fatura; até lá a prévia usa os dados de exemplo.'
          }
          placeholder="Busque pelo número ou pelo cliente"
          searchable
          clearable
          data={data}
          value={value.invoiceId}
          searchValue={search}
          onSearchChange={setSearch}
          // main already filtered by the search.
          filter={({ options }) => options}
          nothingFoundMessage={invoices.loading ? 'Buscando…' : 'Nenhuma fatura encontrada'}
          onChange={(id, option) => {
            setChosen(option ? { value: option.value, label: option.label } : null);
            onChange({ ...value, invoiceId: id });
          }}
        />
      )}
      <DateInput
        label="Data do envio"
        description="Para dias de atraso e dias para vencer"
        placeholder="Hoje"
        valueFormat="DD/MM/YYYY"
        dateParser={parseDateBR}
        clearable
        value={value.runDate}
        onChange={(date) => onChange({ ...value, runDate: date })}
        maw={260}
      />
    </Stack>
  );
}
