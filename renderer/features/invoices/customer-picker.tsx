// Choosing the customer of an invoice among many: a searchable list that asks main for the names
// matching what is typed (the same search as Clientes), never all of them.
import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useApi } from '../../lib/use-api';

const labelOf = (name: string, id: string) => `${name} (${id})`;

export function CustomerPicker(props: {
  value: string;
  /** The chosen customer's name, shown before any search. */
  initialName: string | null;
  onChange: (id: string) => void;
  error?: string;
  /** As a filter (Faturas): not required, clearable, its own label. */
  filter?: { label: string; w: number };
}) {
  const [chosenName, setChosenName] = useState(props.initialName);
  const chosenLabel = props.value ? labelOf(chosenName ?? props.value, props.value) : '';
  const [search, setSearch] = useState(chosenLabel);
  // The box shows the chosen customer's label: that is not a search.
  const [debounced] = useDebouncedValue(search === chosenLabel ? '' : search, 250);
  const found = useApi('customers.list', { search: debounced, pageSize: 20 }, { live: false });
  const items = found.data?.items ?? [];
  const options = items.map((c) => ({ value: c.id, label: labelOf(c.name, c.id) }));
  if (props.value && !options.some((o) => o.value === props.value))
    options.unshift({ value: props.value, label: chosenLabel });
  return (
    <Select
      label={props.filter?.label ?? 'Cliente'}
      withAsterisk={!props.filter}
      clearable={!!props.filter}
      w={props.filter?.w}
      placeholder={props.filter ? 'Todos' : 'Digite o nome, CPF/CNPJ ou código'}
      searchable
      data={options}
      value={props.value || null}
      searchValue={search}
      onSearchChange={setSearch}
      onChange={(v) => {
        const customer = items.find((c) => c.id === v);
        if (customer) setChosenName(customer.name);
        if (!v) setSearch('');
        props.onChange(v ?? '');
      }}
      nothingFoundMessage={found.loading ? 'Buscando…' : 'Nenhum cliente encontrado'}
      filter={({ options: all }) => all}
      error={props.error}
    />
  );
}
