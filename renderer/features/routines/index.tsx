// Configuração > Geral > Rotinas: the schedules that send the invoices, with Adicionar/Editar,
// Simular, Executar agora and Remover.
import { Alert, Button, EmptyState, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { IconClockPlay, IconPlus } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { DEFAULT_TIMEZONE } from '../../../shared/domain';
import type { RoutineView } from '../../../shared/contract/routines';
import { call, onEvent } from '../../api';
import { ConfirmModal } from '../../lib/confirm-modal';
import { toastSaved } from '../../lib/forms';
import { useApi } from '../../lib/use-api';
import { RoutineForm } from './routine-form';
import { RoutineTable, type RoutineAction } from './routine-table';
import { RunNowModal } from './run-now-modal';
import { SimulateModal } from './simulate-modal';

type Open = { action: RoutineAction | 'add'; routine: RoutineView | null; date?: string } | null;

export default function RoutinesPage() {
  const routines = useApi('routines.list', {});
  const options = useApi('routines.options', {});
  const [open, setOpen] = useState<Open>(null);
  const { reload } = routines;
  // useApi refreshes when a run finishes; a run that starts (schedule, another window) shows too.
  useEffect(() => onEvent('run.started', () => void reload()), [reload]);
  const close = () => setOpen(null);
  const today = options.data?.today ?? new Date().toISOString().slice(0, 10);
  const timezone = options.data?.timezone ?? DEFAULT_TIMEZONE;
  const list = routines.data ?? [];

  return (
    <Stack gap="lg">
      <Group justify="space-between">
        <div>
          <Title order={2}>Rotinas</Title>
          <Text c="dimmed" size="sm">
            Quando a tarefa "Enviar Email" executa: em cada execução saem os avisos das regras de envio que
            vencem no dia. A tarefa "Importar arquivos" traz os arquivos do ERP e do banco de uma pasta.
          </Text>
        </div>
        <Button
          leftSection={<IconPlus size={16} />}
          onClick={() => setOpen({ action: 'add', routine: null })}
        >
          Adicionar
        </Button>
      </Group>

      {routines.error && (
        <Alert color="red" title="Não foi possível carregar as rotinas">
          {routines.error}
        </Alert>
      )}
      {routines.loading && !routines.data && <Loader aria-label="Carregando" />}
      {routines.data && list.length === 0 && (
        <EmptyState
          icon={<IconClockPlay size={32} />}
          withIndicatorBackground
          title="Nenhuma rotina cadastrada"
          description='Sem rotina, nenhum e-mail sai sozinho. Clique em "Adicionar" e crie, por exemplo, uma rotina "Enviar Email" todos os dias às 08:00:00.'
        />
      )}
      {list.length > 0 && (
        <RoutineTable
          routines={list}
          timezone={timezone}
          onAction={(action, routine) => setOpen({ action, routine })}
        />
      )}

      {(open?.action === 'add' || open?.action === 'edit') && (
        <RoutineForm
          routine={open.routine}
          takenIds={new Set(list.map((r) => r.id))}
          options={options.data}
          sendRoutines={list.filter((r) => r.task === 'send_email')}
          onClose={close}
        />
      )}
      {open?.action === 'simulate' && open.routine && (
        <SimulateModal
          routine={open.routine}
          today={today}
          onClose={close}
          onRun={(date) => setOpen({ action: 'run', routine: open.routine, date })}
        />
      )}
      {open?.action === 'run' && open.routine && (
        <RunNowModal routine={open.routine} date={open.date ?? today} today={today} onClose={close} />
      )}
      {open?.action === 'remove' && open.routine && (
        <ConfirmModal
          opened
          title="Remover rotina"
          confirmLabel="Remover"
          onConfirm={async () => {
            await call('routines.remove', { id: open.routine!.id });
            toastSaved(`Rotina "${open.routine!.description}" removida`);
          }}
          onClose={close}
        >
          Remover a rotina "{open.routine.description}"? Ela deixa de executar; o histórico de envios é
          mantido.
        </ConfirmModal>
      )}
    </Stack>
  );
}
