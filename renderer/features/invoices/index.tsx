// Faturas: every invoice, newest due date first or sorted by any column; search and filters
// (situação with "vencida", forma de cobrança, vencimento, cliente); tick invoices for bulk actions;
// act on each one: add, edit, mark paid or reopen, cancel, remove, send by e-mail.
import { Anchor, Button, Checkbox, Stack, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { InvoiceView } from '../../../shared/contract/records';
import type { InvoiceSort } from '../../../shared/invoice-situation';
import { call } from '../../api';
import { ConfirmModal } from '../../lib/confirm-modal';
import { formatDateBR, formatMoneyBR } from '../../lib/format';
import { toastSaved } from '../../lib/forms';
import { PageHeader } from '../../lib/page-header';
import { PagedTable, useListFilters } from '../../lib/paged-list';
import { SortableTh, useSort } from '../../lib/sortable-header';
import { useApi } from '../../lib/use-api';
import { SampleDataBanner } from '../customers/sample-banner';
import { BulkBar, BulkOutcomeAlert, type BulkOutcome } from './bulk-actions';
import { InvoiceFilterBar, NO_INVOICE_FILTERS, type InvoiceFilters } from './filters';
import { InvoiceFormModal, type InvoiceEditing } from './invoice-form';
import { MarkPaidModal } from './mark-paid-modal';
import { InvoiceActions, setStatus, type InvoiceAction } from './row-actions';
import { useInvoiceSelection } from './selection';
import { SendInvoiceModal } from './send-modal';
import { InvoiceStatusBadge } from './status';

export default function InvoicesPage() {
  const list = useListFilters<InvoiceFilters>(NO_INVOICE_FILTERS);
  const selected = useInvoiceSelection();
  const sort = useSort<InvoiceSort>({ column: 'dueDate', direction: 'desc' }, () => list.setPage(1));
  const [sending, setSending] = useState<InvoiceView | null>(null);
  const [editing, setEditing] = useState<InvoiceEditing>(null);
  const [open, setOpen] = useState<{ action: InvoiceAction; invoice: InvoiceView } | null>(null);
  const [outcome, setOutcome] = useState<BulkOutcome | null>(null);
  const [resets, setResets] = useState(0);
  const clearFilters = () => {
    list.set(NO_INVOICE_FILTERS);
    selected.clear();
    setResets((n) => n + 1);
  };
  const query = useApi('invoices.list', {
    ...list.input,
    ...(sort.sort ? { sort: sort.sort, direction: sort.direction } : {}),
  });
  const items = query.data?.items ?? [];
  const total = query.data?.total ?? 0;
  const pageTicked = items.length > 0 && items.every((i) => selected.has(i.id));
  const someTicked = items.some((i) => selected.has(i.id));
  const act = (invoice: InvoiceView) => (action: InvoiceAction) => {
    if (action === 'send') setSending(invoice);
    else if (action === 'edit') setEditing(invoice);
    else setOpen({ action, invoice });
  };
  const th = (column: InvoiceSort, label: string, props: { ta?: 'right' } = {}) => (
    <SortableTh column={column} state={sort} {...props}>
      {label}
    </SortableTh>
  );
  const { page: _page, pageSize: _size, ...filter } = list.input;

  return (
    <Stack>
      <PageHeader
        title="Faturas"
        description="As faturas que o Régua cobra por e-mail. Vencida é a fatura em aberto com o vencimento já passado."
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
            Adicionar
          </Button>
        }
      />
      <SampleDataBanner />
      <InvoiceFilterBar
        key={resets}
        value={list.filters}
        filtered={list.filtered}
        onClear={clearFilters}
        onChange={(patch) => {
          list.set(patch);
          selected.clear(); // a selection belongs to the list it was made in
        }}
      />
      {outcome && <BulkOutcomeAlert outcome={outcome} onClose={() => setOutcome(null)} />}
      <BulkBar
        selected={selected}
        total={total}
        pageCount={items.length}
        filter={filter}
        onOutcome={setOutcome}
      />
      <PagedTable
        query={query}
        label="Faturas"
        errorTitle="Não foi possível carregar as faturas"
        minWidth={980}
        columns={
          <>
            <Table.Th w={40}>
              <Checkbox
                aria-label="Selecionar as faturas desta página"
                checked={pageTicked}
                indeterminate={!pageTicked && someTicked}
                disabled={items.length === 0}
                onChange={(e) => selected.togglePage(items, e.currentTarget.checked)}
              />
            </Table.Th>
            {th('number', 'Número')}
            {th('customer', 'Cliente')}
            {th('billingMethod', 'Forma de cobrança')}
            {th('issueDate', 'Emissão')}
            {th('dueDate', 'Vencimento')}
            {th('amount', 'Valor', { ta: 'right' })}
            {th('situation', 'Situação')}
          </>
        }
        actionsWidth={60}
        row={(inv) => (
          <Table.Tr key={inv.id} bg={selected.has(inv.id) ? 'var(--mantine-color-blue-light)' : undefined}>
            <Table.Td>
              <Checkbox
                aria-label={`Selecionar fatura ${inv.number}`}
                checked={selected.has(inv.id)}
                onChange={(e) => selected.toggle(inv, e.currentTarget.checked)}
              />
            </Table.Td>
            <Table.Td fw={500}>{inv.number}</Table.Td>
            <Table.Td>{inv.customerName}</Table.Td>
            <Table.Td>{inv.billingMethodName}</Table.Td>
            <Table.Td>{formatDateBR(inv.issueDate)}</Table.Td>
            <Table.Td>{formatDateBR(inv.dueDate)}</Table.Td>
            <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
              {formatMoneyBR(inv.amountCents)}
            </Table.Td>
            <Table.Td>
              <InvoiceStatusBadge situation={inv.situation} />
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
                title: 'Nenhuma fatura atende a esses filtros.',
                hint: (
                  <>
                    Busque pelo número, pelo nome ou CPF/CNPJ do cliente, ou use{' '}
                    <Anchor component="button" type="button" onClick={clearFilters}>
                      Limpar filtros
                    </Anchor>
                    .
                  </>
                ),
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
        opened={open?.action === 'cancel'}
        title="Cancelar fatura"
        confirmLabel="Cancelar fatura"
        dismissLabel="Voltar"
        onClose={() => setOpen(null)}
        onConfirm={() => setStatus(open!.invoice, 'cancelled', true)}
      >
        Cancelar a fatura {open?.invoice.number} de {open?.invoice.customerName} (
        {open && formatMoneyBR(open.invoice.amountCents)}, vencimento{' '}
        {open && formatDateBR(open.invoice.dueDate)}
        )? Ela deixa de receber avisos; Reabrir desfaz.
      </ConfirmModal>
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
