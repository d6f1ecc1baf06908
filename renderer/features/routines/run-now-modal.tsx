// Executar agora: a confirmation, then the run's progress as main pushes it (run.started/run.progress)
// and the summary of what happened. The run belongs to main: closing the window does not stop it.
import { Alert, Button, Group, List, Modal, Progress, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { RoutineRun, RoutineView } from '../../../shared/contract/routines';
import type { RunCounts } from '../../../shared/records';
import { call, onEvent } from '../../api';
import { formatDateBR } from '../../lib/format';
import { toastError } from '../../lib/forms';
import { ImportedFilesTable } from './imported-files';

type Phase = 'confirm' | 'running' | 'done';

const EMPTY: RunCounts = { sent: 0, failed: 0, pending: 0, skipped: 0, uncertain: 0 };
const COUNT_LABELS: { key: keyof RunCounts; label: string; color: string }[] = [
  { key: 'sent', label: 'Enviados', color: 'green' },
  { key: 'failed', label: 'Falhas', color: 'red' },
  { key: 'pending', label: 'Pendentes', color: 'orange' },
  { key: 'uncertain', label: 'Incertos', color: 'orange' },
  { key: 'skipped', label: 'Ignorados', color: 'gray' },
];

function Counts({ counts }: { counts: RunCounts }) {
  return (
    <SimpleGrid cols={5} spacing="xs">
      {COUNT_LABELS.map((c) => (
        <Stack key={c.key} gap={0} align="center">
          <Text fw={700} size="xl" c={counts[c.key] > 0 ? c.color : 'dimmed'}>
            {counts[c.key]}
          </Text>
          <Text size="xs" c="dimmed">
            {c.label}
          </Text>
        </Stack>
      ))}
    </SimpleGrid>
  );
}

function invoiceLabel(report: RoutineRun, invoiceId: string): string {
  const invoice = report.invoices[invoiceId];
  return invoice ? `Fatura ${invoice.number} (${invoice.customerName})` : `Fatura ${invoiceId}`;
}

function Summary({ report }: { report: RoutineRun }) {
  if (report.files)
    return (
      <Stack gap="sm">
        <Alert
          color={report.status === 'aborted' ? 'red' : 'green'}
          title={report.status === 'aborted' ? 'Importação não executada' : 'Importação concluída'}
        >
          {report.reason}
        </Alert>
        <ImportedFilesTable files={report.files} />
      </Stack>
    );
  const problems = report.outcomes.filter((o) => o.status !== 'sent');
  return (
    <Stack gap="sm">
      {report.status === 'aborted' ? (
        <Alert color="red" icon={<IconAlertTriangle size={18} />} title="Execução interrompida">
          <Text size="sm">{report.reason}</Text>
          <Text size="sm" mt={4}>
            Os avisos que não saíram ficaram pendentes e serão enviados na próxima execução.
          </Text>
        </Alert>
      ) : (
        <Alert color="green" icon={<IconCircleCheck size={18} />} title="Execução concluída">
          {report.due.length === 0
            ? `Nenhum aviso a enviar em ${formatDateBR(report.date)}.`
            : `${report.counts.sent} de ${report.due.length} aviso(s) enviados em ${formatDateBR(report.date)}.`}
          {report.reason ? ` ${report.reason}` : ''}
        </Alert>
      )}
      <Counts counts={report.counts} />
      {problems.length > 0 && (
        <List size="sm" spacing={2}>
          {problems.slice(0, 20).map((o) => (
            <List.Item key={o.notice.key}>
              {invoiceLabel(report, o.notice.invoiceId)}:{' '}
              {o.status === 'failed' ? 'falhou' : o.status === 'uncertain' ? 'incerto' : 'pendente'} —{' '}
              {o.detail}
            </List.Item>
          ))}
        </List>
      )}
      <Text size="xs" c="dimmed">
        Os detalhes de cada envio ficam em Histórico de envios.
      </Text>
    </Stack>
  );
}

/** Runs the routine now for `date` (today by default; an earlier date re-runs a day that was missed). */
export function RunNowModal(props: {
  routine: RoutineView;
  date: string;
  today: string;
  onClose: () => void;
}) {
  const { routine, onClose } = props;
  const [phase, setPhase] = useState<Phase>('confirm');
  const [progress, setProgress] = useState({ done: 0, total: 0, counts: EMPTY });
  const [report, setReport] = useState<RoutineRun | null>(null);

  useEffect(() => {
    const offStart = onEvent('run.started', (e) => {
      if (e.routineId === routine.id) setProgress({ done: 0, total: e.total, counts: EMPTY });
    });
    const offProgress = onEvent('run.progress', (e) => {
      if (e.routineId === routine.id) setProgress({ done: e.done, total: e.total, counts: e.counts });
    });
    return () => {
      offStart();
      offProgress();
    };
  }, [routine.id]);

  const run = async () => {
    setPhase('running');
    try {
      setReport(await call('routines.runNow', { routineId: routine.id, date: props.date }));
      setPhase('done');
    } catch (e) {
      toastError(e);
      onClose();
    }
  };

  const percent = progress.total > 0 ? (progress.done / progress.total) * 100 : 0;
  return (
    <Modal opened onClose={onClose} title={`Executar agora: ${routine.description}`} size="lg">
      {phase === 'confirm' && (
        <Stack gap="md">
          {routine.task === 'import_files' ? (
            <Text>Importar agora os arquivos da pasta {routine.folder}?</Text>
          ) : (
            <Text>
              Enviar agora os avisos {props.date === props.today ? 'de hoje' : 'da data'} (
              {formatDateBR(props.date)}) desta rotina? A execução ignora o agendamento e os feriados; avisos
              já enviados não são enviados de novo.
            </Text>
          )}
          {routine.task === 'send_email' &&
            routine.account &&
            (routine.account.testMode ? (
              <Alert color="orange" title="Modo de teste">
                Os e-mails vão para a caixa de entrada do modo de teste ({routine.account.label}): nada sai
                para clientes, e os avisos continuam pendentes para a conta real.
              </Alert>
            ) : (
              <Text size="sm">
                Os e-mails saem pela conta <b>{routine.account.label}</b>, para os clientes.
              </Text>
            ))}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancelar
            </Button>
            <Button onClick={() => void run()} data-autofocus>
              Executar
            </Button>
          </Group>
        </Stack>
      )}
      {phase === 'running' && (
        <Stack gap="sm">
          <Text size="sm">
            {progress.total > 0
              ? `Enviando: ${progress.done} de ${progress.total} aviso(s)`
              : 'Preparando os avisos…'}
          </Text>
          <Progress value={percent} animated size="lg" aria-label="Progresso da execução" />
          <Counts counts={progress.counts} />
        </Stack>
      )}
      {phase === 'done' && report && (
        <Stack gap="md">
          <Progress value={100} size="lg" color={report.status === 'aborted' ? 'red' : 'green'} />
          <Summary report={report} />
          <Group justify="flex-end">
            <Button onClick={onClose}>Fechar</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
