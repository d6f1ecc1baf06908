// Simular: what the routine would do on a chosen date — the notices that would go out and the invoices
// left out with their reason. A dry run of the real runner in main: nothing is sent or recorded.
import { Alert, Badge, Button, Group, Modal, ScrollArea, Stack, Table, Text, Title } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { IconCalendarOff, IconPlayerPlay } from '@tabler/icons-react';
import { useState } from 'react';
import type { RoutineSimulation, RoutineView } from '../../../shared/contract/routines';
import { SKIP_REASONS } from '../../../shared/reasons';
import { call } from '../../api';
import { formatDateBR, formatMoneyBR, parseDateBR } from '../../lib/format';
import { ruleLabel } from '../../../shared/rule-kinds';
import { ImportedFilesTable } from './imported-files';

function DueTable({ sim }: { sim: RoutineSimulation }) {
  if (sim.due.length === 0)
    return (
      <Text c="dimmed" size="sm">
        Nenhum aviso sairia nesta data.
      </Text>
    );
  return (
    <ScrollArea.Autosize mah={320}>
      <Table striped withTableBorder aria-label="Avisos que seriam enviados">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Fatura</Table.Th>
            <Table.Th>Cliente</Table.Th>
            <Table.Th>E-mails</Table.Th>
            <Table.Th>Regra</Table.Th>
            <Table.Th>Data de referência</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sim.due.map((n) => {
            const invoice = sim.invoices[n.invoiceId];
            return (
              <Table.Tr key={n.key}>
                <Table.Td>
                  <Text size="sm">{invoice?.number ?? n.invoiceId}</Text>
                  {invoice && (
                    <Text size="xs" c="dimmed">
                      {formatMoneyBR(invoice.amountCents)} · venc. {formatDateBR(invoice.dueDate)}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{invoice?.customerName ?? n.customerId}</Table.Td>
                <Table.Td>{n.recipients.join(', ')}</Table.Td>
                <Table.Td>
                  {ruleLabel(n)}
                  {n.retry && (
                    <Badge ml="xs" size="xs" color="orange" variant="light">
                      nova tentativa
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{formatDateBR(n.referenceDate)}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </ScrollArea.Autosize>
  );
}

function SkippedTable({ sim }: { sim: RoutineSimulation }) {
  if (sim.skipped.length === 0)
    return (
      <Text c="dimmed" size="sm">
        Nenhuma fatura ficaria de fora.
      </Text>
    );
  return (
    <ScrollArea.Autosize mah={280}>
      <Table striped withTableBorder aria-label="Faturas que ficariam de fora">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Fatura</Table.Th>
            <Table.Th>Cliente</Table.Th>
            <Table.Th>Regra</Table.Th>
            <Table.Th>Motivo</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sim.skipped.map((s) => {
            const invoice = sim.invoices[s.invoiceId];
            return (
              <Table.Tr key={s.key}>
                <Table.Td>{invoice?.number ?? s.invoiceId}</Table.Td>
                <Table.Td>{invoice?.customerName ?? (s.customerId || '—')}</Table.Td>
                <Table.Td>{ruleLabel(s)}</Table.Td>
                <Table.Td>{SKIP_REASONS[s.reason]}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </ScrollArea.Autosize>
  );
}

export function SimulateModal(props: {
  routine: RoutineView;
  today: string;
  onClose: () => void;
  onRun: (date: string) => void;
}) {
  const { routine, onClose } = props;
  const [date, setDate] = useState<string | null>(props.today);
  const [sim, setSim] = useState<RoutineSimulation | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const simulate = async () => {
    if (!date) return setProblem('Informe a data a simular (dd/mm/aaaa).');
    setBusy(true);
    setProblem(null);
    try {
      setSim(await call('routines.simulate', { routineId: routine.id, date }));
    } catch (e) {
      setSim(null);
      setProblem((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={`Simular: ${routine.description}`} size="xl">
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          Mostra o que a rotina enviaria na data escolhida, sem enviar nada nem registrar no histórico.
        </Text>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void simulate();
          }}
        >
          <Group align="flex-end">
            <DateInput
              label="Data"
              valueFormat="DD/MM/YYYY"
              dateParser={parseDateBR}
              placeholder="dd/mm/aaaa"
              value={date}
              onChange={setDate}
              w={180}
            />
            <Button type="submit" loading={busy} leftSection={<IconPlayerPlay size={16} />}>
              Simular
            </Button>
          </Group>
        </form>
        {problem && (
          <Alert color="red" title="Não foi possível simular">
            {problem}
          </Alert>
        )}
        {sim && (
          <Stack gap="sm" aria-live="polite">
            {sim.calendarNote && (
              <Alert
                color="yellow"
                icon={<IconCalendarOff size={18} />}
                title="Pelo agendamento, não executaria"
              >
                Em {formatDateBR(sim.date)} a rotina não executa no horário ({sim.calendarNote}). A simulação
                mostra o que uma execução manual enviaria; pelo agendamento, estes avisos sairiam na próxima
                execução.
              </Alert>
            )}
            {sim.window && (
              <Text size="sm">
                Datas de referência de {formatDateBR(sim.window.from)} a {formatDateBR(sim.window.to)}
              </Text>
            )}
            {sim.account && (
              <Text size="sm" c={sim.account.testMode ? 'orange.9' : undefined}>
                {sim.account.testMode
                  ? `Conta de envio: modo de teste (${sim.account.label}) — os e-mails seriam capturados, nada sairia para clientes.`
                  : `Conta de envio: ${sim.account.label}.`}
              </Text>
            )}
            {sim.reason && (
              <Text size="sm" c="dimmed">
                {sim.reason}
              </Text>
            )}
            {sim.files && <ImportedFilesTable files={sim.files} dryRun />}
            {!sim.files && (
              <>
                <Group justify="space-between">
                  <Title order={5}>Seriam enviados ({sim.due.length})</Title>
                  {sim.due.length > 0 && (
                    <Button variant="light" onClick={() => props.onRun(sim.date)}>
                      Executar nesta data
                    </Button>
                  )}
                </Group>
                <DueTable sim={sim} />
                <Title order={5}>Ficariam de fora ({sim.skipped.length})</Title>
                <SkippedTable sim={sim} />
              </>
            )}
          </Stack>
        )}
      </Stack>
    </Modal>
  );
}
