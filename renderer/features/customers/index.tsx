// Clientes: who receives the invoices. Searchable, sortable by any column, paginated; customers are
// added, edited and removed in modals with the same checks as imports.
import { ActionIcon, Anchor, Badge, Button, Group, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconFilterOff, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { CUSTOMER_FILTERS } from '../../../shared/contract/records';
import type { Customer } from '../../../shared/domain';
import { parseEmailList } from '../../../shared/email-list';
import type { CustomerSort } from '../../../shared/invoice-situation';
import { PageHeader } from '../../lib/page-header';
import { PagedTable, SearchInput, StatusSelect, useListFilters } from '../../lib/paged-list';
import { SortableTh, useSort } from '../../lib/sortable-header';
import { useApi } from '../../lib/use-api';
import { CustomerFormModal, type CustomerEditing } from './customer-form';
import { formatTaxDocument } from './format';
import { RemoveCustomerModal } from './remove-customer';
import { SampleDataBanner } from './sample-banner';

type Filter = (typeof CUSTOMER_FILTERS)[number];
const FILTER_OPTIONS = [
  { value: 'all', label: 'Todos' },
  { value: 'active', label: 'Ativos' },
  { value: 'inactive', label: 'Inativos' },
  { value: 'opted_out', label: 'Não recebem e-mails' },
];

export default function CustomersPage() {
  const list = useListFilters<{ search: string; filter: Filter | null }>({ search: '', filter: null });
  const sort = useSort<CustomerSort>({ column: 'name', direction: 'asc' }, () => list.setPage(1));
  const [editing, setEditing] = useState<CustomerEditing>(null);
  const [removing, setRemoving] = useState<Customer | null>(null);
  const query = useApi('customers.list', {
    ...list.input,
    ...(sort.sort ? { sort: sort.sort, direction: sort.direction } : {}),
  });
  const clearFilters = () => list.set({ search: '', filter: null });
  const th = (column: CustomerSort, label: string) => (
    <SortableTh column={column} state={sort}>
      {label}
    </SortableTh>
  );

  return (
    <Stack>
      <PageHeader
        title="Clientes"
        description="Quem recebe os avisos das faturas por e-mail."
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
            Adicionar
          </Button>
        }
      />
      <SampleDataBanner />
      <Group align="flex-end">
        <SearchInput
          label="Buscar clientes"
          placeholder="Nome, CPF/CNPJ, e-mail ou código"
          value={list.filters.search}
          onChange={(search) => list.set({ search })}
          style={{ flex: 1, maxWidth: 420 }}
        />
        <StatusSelect
          data={FILTER_OPTIONS}
          value={list.filters.filter}
          onChange={(filter) => list.set({ filter })}
          w={220}
        />
        {list.filtered && (
          <Button variant="subtle" leftSection={<IconFilterOff size={16} />} onClick={clearFilters}>
            Limpar filtros
          </Button>
        )}
      </Group>
      <PagedTable
        query={query}
        label="Clientes"
        errorTitle="Não foi possível carregar os clientes"
        minWidth={960}
        columns={
          <>
            {th('name', 'Nome')}
            {th('document', 'CPF/CNPJ')}
            {th('email', 'E-mails')}
            {th('city', 'Cidade')}
            {th('openInvoices', 'Faturas em aberto')}
            <Table.Th>Situação</Table.Th>
          </>
        }
        actionsWidth={90}
        row={(c) => (
          <Table.Tr key={c.id}>
            <Table.Td>
              <Text size="sm" fw={500}>
                {c.name}
              </Text>
              <Text size="xs" c="dimmed">
                código {c.id}
              </Text>
            </Table.Td>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatTaxDocument(c.document) || '—'}</Table.Td>
            <Table.Td>
              <Emails value={c.email} />
            </Table.Td>
            <Table.Td>{c.address?.city || '—'}</Table.Td>
            <Table.Td ta="right">{c.openInvoices.toLocaleString('pt-BR')}</Table.Td>
            <Table.Td>
              <Group gap={4}>
                <Badge color={c.active ? 'teal' : 'gray'} variant="light">
                  {c.active ? 'ativo' : 'inativo'}
                </Badge>
                {c.emailOptOut && (
                  <Badge color="orange" variant="outline">
                    não recebe e-mails
                  </Badge>
                )}
                {c.bouncedEmails?.map((b) => (
                  <Tooltip
                    key={b.address}
                    label={`${b.reason}: corrija o e-mail para voltar a enviar`}
                    multiline
                    w={280}
                  >
                    <Badge color="grape" variant="light">
                      e-mail inválido: {b.address}
                    </Badge>
                  </Tooltip>
                ))}
              </Group>
            </Table.Td>
            <Table.Td>
              <Group gap={4} wrap="nowrap">
                <Tooltip label="Editar">
                  <ActionIcon
                    variant="subtle"
                    aria-label={`Editar cliente ${c.name}`}
                    onClick={() => setEditing(c)}
                  >
                    <IconPencil size={18} />
                  </ActionIcon>
                </Tooltip>
                <Tooltip label="Remover">
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={`Remover cliente ${c.name}`}
                    onClick={() => setRemoving(c)}
                  >
                    <IconTrash size={18} />
                  </ActionIcon>
                </Tooltip>
              </Group>
            </Table.Td>
          </Table.Tr>
        )}
        empty={
          list.filtered
            ? {
                title: 'Nenhum cliente atende a esses filtros.',
                hint: (
                  <>
                    Confira a grafia, busque pelo CPF/CNPJ ou e-mail, ou use{' '}
                    <Anchor component="button" type="button" onClick={clearFilters}>
                      Limpar filtros
                    </Anchor>
                    .
                  </>
                ),
              }
            : {
                title: 'Nenhum cliente cadastrado ainda.',
                hint: (
                  <>
                    Traga clientes e faturas do seu sistema em <Anchor href="#/importar">Importar</Anchor>, ou
                    clique em Adicionar.
                  </>
                ),
              }
        }
        noun={['cliente', 'clientes']}
        onPage={list.setPage}
      />
      <CustomerFormModal editing={editing} onClose={() => setEditing(null)} />
      {removing && <RemoveCustomerModal customer={removing} onClose={() => setRemoving(null)} />}
    </Stack>
  );
}

function Emails({ value }: { value: string | null | undefined }) {
  const { valid, invalid } = parseEmailList(value);
  if (valid.length === 0 && invalid.length === 0)
    return (
      <Text size="sm" c="dimmed">
        sem e-mail
      </Text>
    );
  return (
    <Stack gap={0}>
      {valid.map((e) => (
        <Text size="sm" key={e}>
          {e}
        </Text>
      ))}
      {invalid.map((e) => (
        <Text size="sm" c="red" key={e} title="e-mail inválido: não recebe avisos">
          {e} (inválido)
        </Text>
      ))}
    </Stack>
  );
}
