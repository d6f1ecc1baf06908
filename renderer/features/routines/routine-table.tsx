// The routines as the ERP lists them: what, how often, when next, how the last run went, with the
// actions of each row.
import { ActionIcon, Badge, Button, Group, Stack, Table, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconEdit, IconFlask, IconPlayerPlay, IconTrash } from '@tabler/icons-react';
import type { RoutineView } from '../../../shared/contract/routines';
import type { RunRecord } from '../../../shared/records';
import { formatInstant } from '../../lib/format';
import { describeCounts, RUN_STATUS, TRIGGER_LABEL } from '../../lib/runs';
import { describeSchedule } from './describe';

export type RoutineAction = 'edit' | 'simulate' | 'run' | 'remove';

/** A squeezed table cell must not cut a badge down to "S…". */
const NO_SHRINK = { minWidth: 'max-content' };
const TASK_LABEL: Record<RoutineView['task'], string> = {
  send_email: 'Enviar Email',
  import_files: 'Importar arquivos',
};

function LastRun({ run, running, timezone }: { run: RunRecord | null; running: boolean; timezone: string }) {
  if (running)
    return (
      <Badge color="blue" variant="light">
        em execução
      </Badge>
    );
  if (!run)
    return (
      <Text size="sm" c="dimmed">
        Nunca executada
      </Text>
    );
  const status = RUN_STATUS[run.status];
  return (
    <Stack gap={2}>
      <Group gap={6} wrap="nowrap">
        <Text size="sm">{formatInstant(run.startedAt, timezone)}</Text>
        <Badge color={status.color} variant="light" size="sm" style={NO_SHRINK}>
          {status.label}
        </Badge>
      </Group>
      <Text size="xs" c="dimmed">
        {TRIGGER_LABEL[run.trigger]}
        {run.counts ? ` · ${describeCounts(run.counts, ', ')}` : ''}
      </Text>
      {run.reason && (
        <Text size="xs" c={run.status === 'aborted' ? 'red' : 'dimmed'}>
          {run.reason}
        </Text>
      )}
    </Stack>
  );
}

export function RoutineTable(props: {
  routines: RoutineView[];
  timezone: string;
  onAction: (action: RoutineAction, routine: RoutineView) => void;
}) {
  const { routines, timezone, onAction } = props;
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table verticalSpacing="sm" highlightOnHover aria-label="Rotinas">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Descrição</Table.Th>
            <Table.Th>Tarefa</Table.Th>
            <Table.Th>Frequência</Table.Th>
            <Table.Th>Próxima execução</Table.Th>
            <Table.Th>Última execução</Table.Th>
            <Table.Th>Ativa</Table.Th>
            <Table.Th>
              <VisuallyHidden>Ações</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {routines.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {r.description}
                </Text>
                {r.task === 'import_files' && (
                  <Text size="xs" c="dimmed">
                    pasta {r.folder}
                  </Text>
                )}
                {r.runOnHolidays && (
                  <Text size="xs" c="dimmed">
                    executa em feriados
                  </Text>
                )}
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{TASK_LABEL[r.task]}</Table.Td>
              <Table.Td>{describeSchedule(r.schedule)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {r.active ? formatInstant(r.nextRunAt, timezone) : '—'}
              </Table.Td>
              <Table.Td miw={210}>
                <LastRun run={r.lastRun} running={r.running} timezone={timezone} />
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Badge
                  color={r.active ? 'teal' : 'gray'}
                  variant={r.active ? 'light' : 'outline'}
                  style={NO_SHRINK}
                >
                  {r.active ? 'Sim' : 'Não'}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap" justify="flex-end">
                  <Stack gap={4} w={168}>
                    <Button
                      size="compact-sm"
                      variant="light"
                      fullWidth
                      justify="flex-start"
                      leftSection={<IconPlayerPlay size={14} />}
                      disabled={r.running}
                      onClick={() => onAction('run', r)}
                    >
                      Executar agora
                    </Button>
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      fullWidth
                      justify="flex-start"
                      leftSection={<IconFlask size={14} />}
                      onClick={() => onAction('simulate', r)}
                    >
                      Simular
                    </Button>
                  </Stack>
                  <Tooltip label="Editar">
                    <ActionIcon variant="subtle" aria-label="Editar" onClick={() => onAction('edit', r)}>
                      <IconEdit size={16} />
                    </ActionIcon>
                  </Tooltip>
                  <Tooltip label={r.running ? 'Aguarde o fim da execução' : 'Remover'}>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label="Remover"
                      disabled={r.running}
                      onClick={() => onAction('remove', r)}
                    >
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Tooltip>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
