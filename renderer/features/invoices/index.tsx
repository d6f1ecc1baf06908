// Faturas: every invoice, newest due date first; search, filter by situation, act on each one.
import { Anchor, Group, Stack, Table, Title } from '@mantine/core';
import { useState } from 'react';
import type { InvoiceStatus, InvoiceView } from '../../../shared/contract/records';
import { formatDateBR, formatMoneyBR } from '../../lib/format';
import { PagedTable, SearchInput, StatusSelect, useListFilters } from '../../lib/paged-list';
import { useApi } from '../../lib/use-api';
import { InvoiceActions } from './row-actions';
import { SendInvoiceModal } from './send-modal';
import { InvoiceStatusBadge } from './status';

const STATUS_OPTIONS = [
  { value: 'all', label: 'Todas' },
  { value: 'open', label: 'Abertas' },
  { value: 'paid', label: 'Pagas' },
  { value: 'cancelled', label: 'Canceladas' },
];

export default function InvoicesPage() {
  const list = useListFilters<{ search: string; status: InvoiceStatus | null }>({ search: '', status: null });
  const [sending, setSending] = useState<InvoiceView | null>(null);
  const query = useApi('invoices.list', list.input);

  return (
    <Stack>
      <Title order={2}>Faturas</Title>
      <Group align="flex-end">
        <SearchInput
          label="Buscar faturas"
          placeholder="Número, cliente, CPF/CNPJ ou e-mail"
          value={list.filters.search}
          onChange={(search) => list.set({ search })}
          style={{ flex: 1, maxWidth: 420 }}
        />
        <StatusSelect
          data={STATUS_OPTIONS}
          value={list.filters.status}
          onChange={(status) => list.set({ status })}
          w={180}
        />
      </Group>
      <PagedTable
        query={query}
        label="Faturas"
        errorTitle="Não foi possível carregar as faturas"
        minWidth={900}
        columns={
          <>
            <Table.Th>Número</Table.Th>
            <Table.Th>Cliente</Table.Th>
            <Table.Th>Forma de cobrança</Table.Th>
            <Table.Th>Emissão</Table.Th>
            <Table.Th>Vencimento</Table.Th>
            <Table.Th ta="right">Valor</Table.Th>
            <Table.Th>Situação</Table.Th>
          </>
        }
        actionsWidth={60}
        row={(inv) => (
          <Table.Tr key={inv.id}>
            <Table.Td fw={500}>{inv.number}</Table.Td>
            <Table.Td>{inv.customerName}</Table.Td>
            <Table.Td>{inv.billingMethodName}</Table.Td>
            <Table.Td>{formatDateBR(inv.issueDate)}</Table.Td>
            <Table.Td>{formatDateBR(inv.dueDate)}</Table.Td>
            <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
              {formatMoneyBR(inv.amountCents)}
            </Table.Td>
            <Table.Td>
              <InvoiceStatusBadge status={inv.status} />
            </Table.Td>
            <Table.Td>
              <InvoiceActions invoice={inv} onSend={() => setSending(inv)} />
            </Table.Td>
          </Table.Tr>
        )}
        empty={
          list.filtered
            ? {
                title: 'Nenhuma fatura encontrada com essa busca.',
                hint: 'Busque pelo número, pelo nome ou CPF/CNPJ do cliente, ou mude a situação para Todas.',
              }
            : {
                title: 'Nenhuma fatura cadastrada ainda.',
                hint: (
                  <>
                    Traga as faturas do seu sistema em <Anchor href="#/importar">Importar</Anchor>.
                  </>
                ),
              }
        }
        noun={['fatura', 'faturas']}
        onPage={list.setPage}
      />
      <SendInvoiceModal invoice={sending} onClose={() => setSending(null)} />
    </Stack>
  );
}
