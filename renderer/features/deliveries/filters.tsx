// The history's filters: the period (the day the notice was recorded), the situation and a search.
import { Group, Select, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { IconSearch } from '@tabler/icons-react';
import type { DeliveryStatus } from '../../../shared/contract/records';
import { STATUS_OPTIONS } from './status';

export interface HistoryFilters {
  from: string | null;
  to: string | null;
  status: DeliveryStatus | null;
  search: string;
}

/** dd/mm/aaaa as typed → YYYY-MM-DD, or null when it is not a real date. */
export function parseDateBR(input: string): string | null {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(input.trim());
  if (!m) return null;
  const iso = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(iso) ? iso : null;
}

const dateProps = {
  valueFormat: 'DD/MM/YYYY',
  placeholder: 'dd/mm/aaaa',
  dateParser: parseDateBR,
  clearable: true,
  w: 170,
} as const;

export function HistoryFilterBar({
  value,
  onChange,
  children,
}: {
  value: HistoryFilters;
  onChange: (next: HistoryFilters) => void;
  children?: React.ReactNode;
}) {
  const set = (patch: Partial<HistoryFilters>) => onChange({ ...value, ...patch });
  return (
    <Group align="flex-end" wrap="wrap">
      <DateInput
        label="Período: de"
        description="data do envio"
        value={value.from}
        onChange={(from) => set({ from })}
        maxDate={value.to ?? undefined}
        {...dateProps}
      />
      <DateInput
        label="Período: até"
        description="data do envio"
        value={value.to}
        onChange={(to) => set({ to })}
        minDate={value.from ?? undefined}
        {...dateProps}
      />
      <Select
        label="Situação"
        data={STATUS_OPTIONS}
        value={value.status ?? 'all'}
        allowDeselect={false}
        onChange={(v) => set({ status: v === 'all' || v === null ? null : (v as DeliveryStatus) })}
        w={160}
      />
      <TextInput
        label="Buscar"
        placeholder="Cliente, fatura ou e-mail"
        leftSection={<IconSearch size={16} />}
        value={value.search}
        onChange={(e) => set({ search: e.currentTarget.value })}
        style={{ flex: 1, minWidth: 220, maxWidth: 360 }}
      />
      {children}
    </Group>
  );
}
