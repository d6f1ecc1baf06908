// Histórico de envios: the latest state of every notice, newest first — "why didn't Maria get her
// e-mail?" answered by the reason or the server's reply; failed and uncertain ones can be resent.
import {
  Alert,
  Anchor,
  Box,
  LoadingOverlay,
  Paper,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { deliveryRuleLabel, RESENDABLE_STATUSES } from '../../../shared/contract/records';
import { formatDateTimeBR } from '../../lib/format';
import { useApi } from '../../lib/use-api';
import { ListFooter } from '../customers/list-footer';
import { ExportCsvButton } from './export-csv';
import { HistoryFilterBar, type HistoryFilters } from './filters';
import { ResendButton } from './resend-button';
import { DeliveryStatusBadge } from './status';

const PAGE_SIZE = 25;
const NO_FILTERS: HistoryFilters = { from: null, to: null, status: null, search: '' };

export default function DeliveriesPage() {
  const [filters, setFilters] = useState<HistoryFilters>(NO_FILTERS);
  const [search] = useDebouncedValue(filters.search, 250);
  const [page, setPage] = useState(1);
  const applied = { from: filters.from, to: filters.to, status: filters.status, search };
  const query = useApi('deliveries.list', { ...applied, page, pageSize: PAGE_SIZE });
  const data = query.data;
  const filtered = !!(filters.from || filters.to || filters.status || search.trim());

  return (
    <Stack>
      <Title order={2}>Histórico de envios</Title>
      <HistoryFilterBar
        value={filters}
        onChange={(next) => {
          setFilters(next);
          setPage(1);
        }}
      >
        <ExportCsvButton filters={applied} />
      </HistoryFilterBar>
      {query.error && (
        <Alert color="red" title="Não foi possível carregar o histórico">
          {query.error}
        </Alert>
      )}
      <Paper withBorder pos="relative" p={0}>
        <LoadingOverlay visible={query.loading && !data} />
        <Table.ScrollContainer minWidth={1100}>
          <Table striped highlightOnHover verticalSpacing="xs" aria-label="Histórico de envios">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Data/hora</Table.Th>
                <Table.Th>Situação</Table.Th>
                <Table.Th>Cliente</Table.Th>
                <Table.Th>Fatura</Table.Th>
                <Table.Th>Regra</Table.Th>
                <Table.Th>E-mails</Table.Th>
                <Table.Th>Motivo ou resposta do servidor</Table.Th>
                <Table.Th>
                  <VisuallyHidden>Ações</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data?.items.map((d) => {
                const reason = d.reason ?? d.smtpResponse ?? '';
                return (
                  <Table.Tr key={d.key}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTimeBR(d.at)}</Table.Td>
                    <Table.Td>
                      {/* A floor for the column: a badge alone would let the table squeeze its word. */}
                      <Box miw={92}>
                        <DeliveryStatusBadge status={d.status} />
                      </Box>
                    </Table.Td>
                    <Table.Td>{d.customerName || d.customerId}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{d.invoiceNumber}</Table.Td>
                    <Table.Td>{deliveryRuleLabel(d)}</Table.Td>
                    <Table.Td>
                      {(d.to ?? []).map((e) => (
                        <Text size="sm" key={e}>
                          {e}
                        </Text>
                      ))}
                    </Table.Td>
                    <Table.Td maw={340}>
                      <Text size="sm" lineClamp={3} title={reason}>
                        {reason || '—'}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {RESENDABLE_STATUSES.includes(d.status) && <ResendButton delivery={d} />}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {data && data.total === 0 && (
          <Stack align="center" gap={4} p="xl">
            {filtered ? (
              <>
                <Text fw={500}>Nenhum envio com esses filtros.</Text>
                <Text size="sm" c="dimmed">
                  Amplie o período, escolha outra situação ou limpe a busca.
                </Text>
              </>
            ) : (
              <>
                <Text fw={500}>Nenhum envio registrado ainda.</Text>
                <Text size="sm" c="dimmed">
                  Os envios aparecem aqui quando uma <Anchor href="#/rotinas">rotina</Anchor> roda ou quando
                  você envia uma fatura em <Anchor href="#/faturas">Faturas</Anchor>.
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
          noun={['envio', 'envios']}
          onPage={setPage}
        />
      )}
    </Stack>
  );
}
