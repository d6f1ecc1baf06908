// The history's filters: the period (the day the notice was recorded), the situation and a search.
import { Group, SegmentedControl } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import type { DeliveryStatus } from '../../../shared/contract/records';
import { parseDateBR } from '../../lib/format';
import { SearchInput, StatusSelect } from '../../lib/paged-list';
import { STATUS_OPTIONS } from './status';

export interface HistoryFilters {
  /** The real notices, or what the test-mode account captured: never mixed. */
  mode: 'live' | 'test';
  from: string | null;
  to: string | null;
  status: DeliveryStatus | null;
  search: string;
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
  onChange: (patch: Partial<HistoryFilters>) => void;
  children?: React.ReactNode;
}) {
  return (
    <Group align="flex-end" wrap="wrap">
      <SegmentedControl
        aria-label="Mostrar envios"
        value={value.mode}
        onChange={(mode) => onChange({ mode: mode as HistoryFilters['mode'] })}
        data={[
          { value: 'live', label: 'Enviados a clientes' },
          { value: 'test', label: 'Modo de teste' },
        ]}
      />
      <DateInput
        label="Período: de"
        description="data do envio"
        value={value.from}
        onChange={(from) => onChange({ from })}
        maxDate={value.to ?? undefined}
        {...dateProps}
      />
      <DateInput
        label="Período: até"
        description="data do envio"
        value={value.to}
        onChange={(to) => onChange({ to })}
        minDate={value.from ?? undefined}
        {...dateProps}
      />
      <StatusSelect
        data={STATUS_OPTIONS}
        value={value.status}
        onChange={(status) => onChange({ status })}
        w={160}
      />
      <SearchInput
        label="Buscar"
        placeholder="Cliente, fatura ou e-mail"
        value={value.search}
        onChange={(search) => onChange({ search })}
        style={{ flex: 1, minWidth: 220, maxWidth: 360 }}
      />
      {children}
    </Group>
  );
}
