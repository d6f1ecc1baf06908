// Início's word on today, routine by routine: when today's notices will not go out by themselves
// (the slot has passed, the routines are paused, it is a holiday or not a scheduled day), say so,
// how many, and offer "Executar agora" — never count them as if they would go.
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCalendarOff, IconPlayerPause, IconPlayerPlay } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import type { DashboardSummary, TodayRoutine } from '../../../shared/contract/overview';
import type { RoutineView } from '../../../shared/contract/routines';
import { formatInstant, plural } from '../../lib/format';
import { useApi } from '../../lib/use-api';
import { RunNowModal } from '../routines/run-now-modal';

const notices = (n: number) => plural(n, 'aviso de hoje', 'avisos de hoje');

function describe(
  r: TodayRoutine,
  timezone: string,
): { title: string; body: ReactNode; tone: string } | null {
  const next = r.nextRunAt ? formatInstant(r.nextRunAt, timezone) : null;
  const name = `“${r.description}”`;
  switch (r.state) {
    case 'slot_passed':
      return {
        tone: 'orange',
        title: `${r.due === 1 ? 'O' : 'Os'} ${notices(r.due)} não ${r.due === 1 ? 'vai' : 'vão'} sair sozinho${r.due === 1 ? '' : 's'}`,
        body: (
          <>
            O horário da rotina {name} ({r.time}) já passou hoje sem enviá-
            {r.due === 1 ? 'lo' : 'los'} — por exemplo, porque a rotina ou as faturas foram cadastradas depois
            desse horário. {next ? `A próxima execução, ${next}, envia os avisos daquele dia. ` : ''}Para
            enviar os de hoje, use Executar agora.
          </>
        ),
      };
    case 'paused':
      return {
        tone: 'yellow',
        title: 'As rotinas estão pausadas: nada sai sozinho',
        body: (
          <>
            Enquanto estiverem pausadas, a rotina {name} não envia no horário.
            {r.due > 0 ? ` Hoje há ${notices(r.due)} para enviar; use Executar agora para enviá-los.` : ''}
          </>
        ),
      };
    case 'holiday':
    case 'not_scheduled':
      if (r.due === 0) return null;
      return {
        tone: 'blue',
        title:
          r.state === 'holiday'
            ? `Hoje é ${r.reason?.replace(/^feriado: /, 'feriado, ') ?? 'feriado'}: a rotina ${name} não executa`
            : `Hoje a rotina ${name} não executa`,
        body: (
          <>
            {r.state === 'not_scheduled' && r.reason ? `Ela está ${r.reason}. ` : ''}
            {r.due === 1 ? 'O aviso de hoje sai' : `Os ${notices(r.due)} saem`} na próxima execução
            {next ? `, ${next}` : ''}. Para enviar agora, use Executar agora.
          </>
        ),
      };
    default:
      return null;
  }
}

const ICONS: Record<string, ReactNode> = {
  orange: <IconAlertTriangle size={18} />,
  yellow: <IconPlayerPause size={18} />,
  blue: <IconCalendarOff size={18} />,
};

export function TodayAlerts({ summary }: { summary: DashboardSummary }) {
  const routines = useApi('routines.list', {});
  const [running, setRunning] = useState<RoutineView | null>(null);
  const shown = summary.todayRoutines
    .map((r) => ({ routine: r, text: describe(r, summary.timezone) }))
    .filter((x) => x.text !== null);
  if (shown.length === 0) return null;
  return (
    <Stack gap="sm" component="section" aria-label="Hoje">
      {shown.map(({ routine, text }) => {
        const view = routines.data?.find((v) => v.id === routine.routineId);
        return (
          <Alert
            key={routine.routineId}
            color={text!.tone}
            icon={ICONS[text!.tone]}
            title={text!.title}
            data-testid="today-alert"
          >
            <Group justify="space-between" align="center" gap="md" wrap="nowrap">
              <Text size="sm">{text!.body}</Text>
              {routine.due > 0 && view && (
                <Button
                  size="xs"
                  color={text!.tone}
                  leftSection={<IconPlayerPlay size={14} />}
                  onClick={() => setRunning(view)}
                  aria-label={`Executar agora a rotina ${routine.description}`}
                  style={{ flexShrink: 0 }}
                >
                  Executar agora
                </Button>
              )}
            </Group>
          </Alert>
        );
      })}
      {running && (
        <RunNowModal
          routine={running}
          date={summary.today}
          today={summary.today}
          onClose={() => setRunning(null)}
        />
      )}
    </Stack>
  );
}
