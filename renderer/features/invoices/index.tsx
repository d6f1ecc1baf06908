// Faturas: every invoice, newest due date first; search, filter by situation, act on each one.
import {
  Alert,
  Anchor,
  Group,
  LoadingOverlay,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import type { InvoiceStatus, InvoiceView } from '../../../shared/contract/records';
import { formatDateBR, formatMoneyBR } from '../../lib/format';
import { useApi } from '../../lib/use-api';
import { ListFooter } from '../customers/list-footer';
import { InvoiceActions } from './row-actions';
import { SendInvoiceModal } from './send-modal';
import { InvoiceStatusBadge } from './status';

const PAGE_SIZE = 25;
const STATUS_OPTIONS = [
  { value: 'all', label: 'Todas' },
  { value: 'open', label: 'Abertas' },
  { value: 'paid', label: 'Pagas' },
  { value: 'cancelled', label: 'Canceladas' },
];

export default function InvoicesPage() {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const [status, setStatus] = useState<InvoiceStatus | null>(null);
  const [page, setPage] = useState(1);
  const [sending, setSending] = useState<InvoiceView | null>(null);
  const query = useApi('invoices.list', { search: debounced, status, page, pageSize: PAGE_SIZE });
  const data = query.data;
  const filtered = debounced.trim() !== '' || status !== null;

  return (
    <Stack>
      <Title order={2}>Faturas</Title>
      <Group align="flex-end">
        <TextInput
          label="Buscar faturas"
          placeholder="Número, cliente, CPF/CNPJ ou e-mail"
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            setPage(1);
          }}
          style={{ flex: 1, maxWidth: 420 }}
        />
        <Select
          label="Situação"
          data={STATUS_OPTIONS}
          value={status ?? 'all'}
          allowDeselect={false}
          onChange={(v) => {
            setStatus(v === 'all' || v === null ? null : (v as InvoiceStatus));
            setPage(1);
          }}
          w={180}
        />
      </Group>
      {query.error && (
        <Alert color="red" title="Não foi possível carregar as faturas">
          {query.error}
        </Alert>
      )}
      <Paper withBorder pos="relative" p={0}>
        <LoadingOverlay visible={query.loading && !data} />
        <Table.ScrollContainer minWidth={900}>
          <Table striped highlightOnHover verticalSpacing="xs" aria-label="Faturas">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Número</Table.Th>
                <Table.Th>Cliente</Table.Th>
                <Table.Th>Forma de cobrança</Table.Th>
                <Table.Th>Emissão</Table.Th>
                <Table.Th>Vencimento</Table.Th>
                <Table.Th ta="right">Valor</Table.Th>
                <Table.Th>Situação</Table.Th>
                <Table.Th w={60}>
                  <VisuallyHidden>Ações</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data?.items.map((inv) => (
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
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {data && data.total === 0 && (
          <Stack align="center" gap={4} p="xl">
            {filtered ? (
              <>
                <Text fw={500}>Nenhuma fatura encontrada com essa busca.</Text>
                <Text size="sm" c="dimmed">
                  Busque pelo número, pelo nome ou CPF/CNPJ do cliente, ou mude a situação para Todas.
                </Text>
              </>
            ) : (
              <>
                <Text fw={500}>Nenhuma fatura cadastrada ainda.</Text>
                <Text size="sm" c="dimmed">
                  Traga as faturas do seu sistema em <Anchor href="#/importar">Importar</Anchor>.
                </Text>
              </>
            )}
          </Stack>
        )}
      </Paper>
      {data && (
        <ListFooter
          total={data.total}
          page={data.page}
          pageSize={PAGE_SIZE}
          noun={['fatura', 'faturas']}
          onPage={setPage}
        />
      )}
      <SendInvoiceModal invoice={sending} onClose={() => setSending(null)} />
    </Stack>
  );
}
