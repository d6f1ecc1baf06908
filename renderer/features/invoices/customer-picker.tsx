// Choosing the customer of an invoice among many: a searchable list that asks main for the names
// matching what is typed (the same search as Clientes), never all of them.
import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useApi } from '../../lib/use-api';

export function CustomerPicker(props: {
  value: string;
  /** The chosen customer's name, shown before any search. */
  initialName: string | null;
  onChange: (id: string) => void;
  error?: string;
}) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const found = useApi('customers.list', { search: debounced, pageSize: 20 }, { live: false });
  const options = (found.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.name} (${c.id})` }));
  if (props.value && !options.some((o) => o.value === props.value))
    options.unshift({ value: props.value, label: `${props.initialName ?? props.value} (${props.value})` });
  return (
    <Select
      label="Cliente"
      withAsterisk
      placeholder="Digite o nome, CPF/CNPJ ou código"
      searchable
      data={options}
      value={props.value || null}
      searchValue={search}
      onSearchChange={setSearch}
      onChange={(v) => props.onChange(v ?? '')}
      nothingFoundMessage={found.loading ? 'Buscando…' : 'Nenhum cliente encontrado'}
      filter={({ options: all }) => all}
      error={props.error}
    />
  );
}
