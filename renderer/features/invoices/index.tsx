// Faturas: every invoice, newest due date first; search, filter by situation, act on each one: add,
// edit, mark paid or reopen, cancel, remove, send by e-mail.
import { Anchor, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { call } from '../../api';
import { ConfirmModal } from '../../lib/confirm-modal';
import { toastSaved } from '../../lib/forms';
import { SampleDataBanner } from '../customers/sample-banner';
import { InvoiceFormModal, type InvoiceEditing } from './invoice-form';
import { MarkPaidModal } from './mark-paid-modal';
import type { InvoiceStatus, InvoiceView } from '../../../shared/contract/records';
import { formatDateBR, formatMoneyBR } from '../../lib/format';
import { PagedTable, SearchInput, StatusSelect, useListFilters } from '../../lib/paged-list';
import { useApi } from '../../lib/use-api';
import { InvoiceActions, type InvoiceAction } from './row-actions';
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
  const [editing, setEditing] = useState<InvoiceEditing>(null);
  const [open, setOpen] = useState<{ action: InvoiceAction; invoice: InvoiceView } | null>(null);
  const query = useApi('invoices.list', list.input);
  const act = (invoice: InvoiceView) => (action: InvoiceAction) => {
    if (action === 'send') setSending(invoice);
    else if (action === 'edit') setEditing(invoice);
    else setOpen({ action, invoice });
  };

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Faturas</Title>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
          Adicionar
        </Button>
      </Group>
      <SampleDataBanner />
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
              {inv.payment && (
                <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                  em {formatDateBR(inv.payment.date)}
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <InvoiceActions invoice={inv} onAction={act(inv)} />
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
                    Traga as faturas do seu sistema em <Anchor href="#/importar">Importar</Anchor>, ou clique
                    em Adicionar.
                  </>
                ),
              }
        }
        noun={['fatura', 'faturas']}
        onPage={list.setPage}
      />
      <SendInvoiceModal invoice={sending} onClose={() => setSending(null)} />
      <InvoiceFormModal editing={editing} onClose={() => setEditing(null)} />
      {open?.action === 'markPaid' && <MarkPaidModal invoice={open.invoice} onClose={() => setOpen(null)} />}
      <ConfirmModal
        opened={open?.action === 'remove'}
        title="Remover fatura"
        confirmLabel="Remover"
        onClose={() => setOpen(null)}
        onConfirm={async () => {
          await call('invoices.remove', { id: open!.invoice.id });
          toastSaved(`Fatura ${open!.invoice.number} removida`);
        }}
      >
        Remover a fatura {open?.invoice.number} de {open?.invoice.customerName}? Ela deixa de receber avisos;
        o histórico de envios é mantido. Isto não pode ser desfeito.
      </ConfirmModal>
    </Stack>
  );
}
