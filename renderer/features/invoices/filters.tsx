// Faturas' filters: search, situation (aberta, vencida, paga, cancelada), forma de cobrança, due-date
// range (dd/mm/aaaa pickers in pt-BR whatever the browser's language) and customer; "Limpar filtros".
import { Button, Group, Select } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { IconFilterOff } from '@tabler/icons-react';
import type { InvoiceSituation } from '../../../shared/invoice-situation';
import { parseDateBR } from '../../lib/format';
import { SearchInput, StatusSelect } from '../../lib/paged-list';
import { useApi } from '../../lib/use-api';
import { CustomerPicker } from './customer-picker';

export interface InvoiceFilters {
  search: string;
  status: InvoiceSituation | null;
  billingMethodId: string | null;
  dueFrom: string | null;
  dueTo: string | null;
  customerId: string | null;
}

export const NO_INVOICE_FILTERS: InvoiceFilters = {
  search: '',
  status: null,
  billingMethodId: null,
  dueFrom: null,
  dueTo: null,
  customerId: null,
};

const STATUS_OPTIONS = [
  { value: 'all', label: 'Todas' },
  { value: 'open', label: 'Abertas (a vencer)' },
  { value: 'overdue', label: 'Vencidas' },
  { value: 'paid', label: 'Pagas' },
  { value: 'cancelled', label: 'Canceladas' },
];

const dateProps = {
  valueFormat: 'DD/MM/YYYY',
  placeholder: 'dd/mm/aaaa',
  dateParser: parseDateBR,
  clearable: true,
  w: 150,
} as const;

export function InvoiceFilterBar({
  value,
  onChange,
  filtered,
  onClear,
}: {
  value: InvoiceFilters;
  onChange: (patch: Partial<InvoiceFilters>) => void;
  filtered: boolean;
  /** Limpar filtros (the parent mounts the bar afresh, so the customer box forgets what was typed). */
  onClear: () => void;
}) {
  const methods = useApi('billingMethods.list', {}, { live: false });
  return (
    <Group align="flex-end" wrap="wrap" gap="sm">
      <SearchInput
        label="Buscar faturas"
        placeholder="Número, cliente, CPF/CNPJ ou e-mail"
        value={value.search}
        onChange={(search) => onChange({ search })}
        style={{ flex: 1, minWidth: 220, maxWidth: 360 }}
      />
      <StatusSelect
        data={STATUS_OPTIONS}
        value={value.status}
        onChange={(status) => onChange({ status })}
        w={180}
      />
      <Select
        label="Forma de cobrança"
        data={[
          { value: 'all', label: 'Todas' },
          ...(methods.data ?? []).map((m) => ({ value: m.id, label: m.name })),
        ]}
        value={value.billingMethodId ?? 'all'}
        allowDeselect={false}
        onChange={(v) => onChange({ billingMethodId: v === 'all' ? null : v })}
        w={190}
      />
      <DateInput
        label="Vencimento: de"
        value={value.dueFrom}
        onChange={(dueFrom) => onChange({ dueFrom })}
        maxDate={value.dueTo ?? undefined}
        {...dateProps}
      />
      <DateInput
        label="Vencimento: até"
        value={value.dueTo}
        onChange={(dueTo) => onChange({ dueTo })}
        minDate={value.dueFrom ?? undefined}
        {...dateProps}
      />
      <CustomerPicker
        value={value.customerId ?? ''}
        initialName={null}
        onChange={(id) => onChange({ customerId: id || null })}
        filter={{ label: 'Cliente', w: 240 }}
      />
      {filtered && (
        <Button variant="subtle" leftSection={<IconFilterOff size={16} />} onClick={onClear}>
          Limpar filtros
        </Button>
      )}
    </Group>
  );
}
