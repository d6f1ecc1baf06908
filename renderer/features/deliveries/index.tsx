// Histórico de envios: the latest state of every notice, newest first — "why didn't Maria get her
// e-mail?" answered by the reason or the server's reply; failed and uncertain ones can be resent.
import { Anchor, Box, Stack, Table, Text } from '@mantine/core';
import { deliveryRuleLabel, RESENDABLE_STATUSES } from '../../../shared/contract/records';
import { formatInstant } from '../../lib/format';
import { PagedTable, useListFilters } from '../../lib/paged-list';
import { TechnicalDetails } from '../../lib/technical-details';
import { useApi } from '../../lib/use-api';
import { useCompanyTimezone } from '../../lib/use-timezone';
import { ExportCsvButton } from './export-csv';
import { HistoryFilterBar, type HistoryFilters } from './filters';
import { ResendButton } from './resend-button';
import { DeliveryStatusBadge } from './status';
import { PageHeader } from '../../lib/page-header';

const NO_FILTERS: HistoryFilters = { mode: 'live', from: null, to: null, status: null, search: '' };

export default function DeliveriesPage() {
  const list = useListFilters(NO_FILTERS);
  const query = useApi('deliveries.list', list.input);
  // Times on the company's clock, as the Período filter and the CSV count them.
  const timezone = useCompanyTimezone();
  // The mode chooses which history is shown; it narrows nothing within it.
  const { from, to, status, search } = list.applied;
  const filtered = !!(from || to || status || search.trim());

  return (
    <Stack>
      <PageHeader
        title="Histórico de envios"
        description="Cada aviso enviado, pendente, com falha ou não enviado, e o motivo."
      />
      <HistoryFilterBar value={list.filters} onChange={list.set}>
        <ExportCsvButton filters={list.applied} />
      </HistoryFilterBar>
      <PagedTable
        query={query}
        label="Histórico de envios"
        errorTitle="Não foi possível carregar o histórico"
        minWidth={1100}
        columns={
          <>
            <Table.Th>Data/hora</Table.Th>
            <Table.Th>Situação</Table.Th>
            <Table.Th>Cliente</Table.Th>
            <Table.Th>Fatura</Table.Th>
            <Table.Th>Regra</Table.Th>
            <Table.Th>E-mails</Table.Th>
            <Table.Th>Motivo</Table.Th>
          </>
        }
        row={(d) => {
          const reason = d.reason ?? '';
          return (
            <Table.Tr key={d.key}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatInstant(d.at, timezone)}</Table.Td>
              <Table.Td>
                {/* A floor for the column: a badge alone would let the table squeeze its word. */}
                <Box miw={92}>
                  <DeliveryStatusBadge status={d.status} />
                </Box>
              </Table.Td>
              <Table.Td>{d.customerName || '(cliente removido)'}</Table.Td>
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
                <Text size="sm" lineClamp={3} title={reason} data-clerk-message={reason ? '' : undefined}>
                  {reason || '—'}
                </Text>
                {d.status !== 'sent' && <TechnicalDetails detail={d.smtpResponse} />}
              </Table.Td>
              <Table.Td>{RESENDABLE_STATUSES.includes(d.status) && <ResendButton delivery={d} />}</Table.Td>
            </Table.Tr>
          );
        }}
        empty={
          filtered
            ? {
                title: 'Nenhum envio com esses filtros.',
                hint: 'Amplie o período, escolha outra situação ou limpe a busca.',
              }
            : list.applied.mode === 'test'
              ? {
                  title: 'Nada capturado pelo modo de teste.',
                  hint: 'Os e-mails de rotinas que usam a conta do modo de teste aparecem aqui, separados dos envios reais.',
                }
              : {
                  title: 'Nenhum envio registrado ainda.',
                  hint: (
                    <>
                      Os envios aparecem aqui quando uma <Anchor href="#/rotinas">rotina</Anchor> roda ou
                      quando você envia uma fatura em <Anchor href="#/faturas">Faturas</Anchor>.
                    </>
                  ),
                }
        }
        noun={['envio', 'envios']}
        onPage={list.setPage}
      />
    </Stack>
  );
}
