// The cards at the top of Início: the next run, the last run, and what needs staff's attention.
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  SimpleGrid,
  Stack,
  Text,
  ThemeIcon,
  UnstyledButton,
} from '@mantine/core';
import { IconAlertTriangle, IconClock, IconHistory } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useLocation } from 'wouter';
import type { DashboardSummary } from '../../../shared/contract/overview';
import { formatDateBR, formatInstant, plural } from '../../lib/format';
import { describeCounts, RUN_STATUS, TRIGGER_LABEL } from '../../lib/runs';

function CardTitle({ icon, children }: { icon: ReactNode; children: ReactNode }) {
  return (
    <Group gap="xs" mb="xs">
      <ThemeIcon variant="light" size="md">
        {icon}
      </ThemeIcon>
      <Text fw={600}>{children}</Text>
    </Group>
  );
}

function NextRunCard({ summary }: { summary: DashboardSummary }) {
  const [, navigate] = useLocation();
  const next = summary.nextRun;
  return (
    <Card withBorder padding="lg" component="section" aria-label="Próxima execução">
      <CardTitle icon={<IconClock size={18} />}>Próxima execução</CardTitle>
      {next ? (
        <Stack gap={4}>
          <Text size="xl" fw={700} data-testid="next-run-when">
            {formatDateBR(next.date)} {next.time}
          </Text>
          <Text c="dimmed">{next.description}</Text>
          {next.prepared && (
            <Text size="sm" data-testid="next-run-prepared">
              {plural(next.prepared.ready, 'e-mail pronto', 'e-mails prontos')} para envio
              {next.prepared.problems.length > 0 && (
                <Text span c="orange" fw={600}>
                  {' '}
                  · {plural(next.prepared.problems.length, 'aviso', 'avisos')} com problema
                </Text>
              )}
            </Text>
          )}
        </Stack>
      ) : (
        <Stack gap="xs" align="flex-start">
          <Text c="dimmed" size="sm">
            Nenhuma rotina ativa: nada será enviado automaticamente.
          </Text>
          <Button variant="light" size="xs" onClick={() => navigate('/rotinas')}>
            Cadastrar uma rotina
          </Button>
        </Stack>
      )}
    </Card>
  );
}

function LastRunCard({ summary }: { summary: DashboardSummary }) {
  const last = summary.lastRun;
  const status = last ? RUN_STATUS[last.status] : null;
  return (
    <Card withBorder padding="lg" component="section" aria-label="Última execução">
      <CardTitle icon={<IconHistory size={18} />}>Última execução</CardTitle>
      {last && status ? (
        <Stack gap={6}>
          <Text size="xl" fw={700}>
            {formatInstant(last.startedAt, summary.timezone)}
          </Text>
          <Group gap="xs">
            <Badge color={status.color} variant="light">
              {status.label}
            </Badge>
            <Badge color="gray" variant="outline">
              {TRIGGER_LABEL[last.trigger]}
            </Badge>
          </Group>
          {last.counts && <Text size="sm">{describeCounts(last.counts)}</Text>}
          {last.reason && (
            <Text size="sm" c="dimmed">
              {last.reason}
            </Text>
          )}
        </Stack>
      ) : (
        <Text c="dimmed" size="sm">
          Nenhuma execução ainda. A primeira acontece no horário da rotina (ou use Executar agora em Rotinas).
        </Text>
      )}
    </Card>
  );
}

const ATTENTION = [
  { key: 'pending', label: 'Pendentes', color: 'yellow', hint: 'saem na próxima execução' },
  { key: 'failed', label: 'Falhas', color: 'red', hint: 'recusados pelo servidor' },
  { key: 'uncertain', label: 'Incertos', color: 'orange', hint: 'verifique e reenvie' },
  {
    key: 'bounced',
    label: 'Devolvidos',
    color: 'grape',
    hint: 'e-mail inexistente ou recusado: corrija e reenvie',
  },
  {
    key: 'outsideWindow',
    label: 'Fora da janela',
    color: 'red',
    hint: 'o dia passou sem execução: envie por Faturas',
  },
  {
    key: 'noPaymentMeans',
    label: 'Sem meio de pagamento',
    color: 'red',
    hint: 'fatura sem boleto, PIX ou PDF: não foi enviada',
  },
] as const;

function AttentionCard({ summary }: { summary: DashboardSummary }) {
  const [, navigate] = useLocation();
  const total = ATTENTION.reduce((sum, a) => sum + summary[a.key], 0);
  return (
    <Card withBorder padding="lg" component="section" aria-label="Avisos que pedem atenção">
      <CardTitle icon={<IconAlertTriangle size={18} />}>Pedem atenção</CardTitle>
      <Stack gap={2}>
        {ATTENTION.map((a) => (
          <UnstyledButton
            key={a.key}
            onClick={() => navigate('/historico')}
            aria-label={`${a.label}: ${summary[a.key]} — abrir o Histórico de envios`}
            px={6}
            py={4}
            style={{ borderRadius: 'var(--mantine-radius-sm)' }}
          >
            <Group gap="sm" wrap="nowrap">
              <Text fw={700} w={48} ta="right" size="lg" c={summary[a.key] > 0 ? a.color : 'dimmed'}>
                {summary[a.key].toLocaleString('pt-BR')}
              </Text>
              <div>
                <Text size="sm" fw={500} lh={1.2}>
                  {a.label}
                </Text>
                <Text size="xs" c="dimmed" lh={1.2}>
                  {a.hint}
                </Text>
              </div>
            </Group>
          </UnstyledButton>
        ))}
      </Stack>
      <Text size="xs" c="dimmed" mt="xs">
        {total === 0 ? 'Nada pendente: tudo certo.' : 'Clique para ver no Histórico de envios.'}
      </Text>
    </Card>
  );
}

const SHOWN_PROBLEMS = 5;

/** Found while composing the next run ahead of time: there is still time to fix these. */
function PreparationProblems({ summary }: { summary: DashboardSummary }) {
  const prepared = summary.nextRun?.prepared;
  if (!prepared || prepared.problems.length === 0) return null;
  const { problems } = prepared;
  return (
    <Alert
      color="orange"
      icon={<IconAlertTriangle size={18} />}
      title={`${plural(problems.length, 'aviso', 'avisos')} da próxima execução não ${problems.length === 1 ? 'poderá' : 'poderão'} ser enviado${problems.length === 1 ? '' : 's'}`}
    >
      <Stack gap={4}>
        {problems.slice(0, SHOWN_PROBLEMS).map((p) => (
          <Text size="sm" key={p.invoiceId}>
            Fatura <b>{p.invoiceNumber}</b> ({p.customerName}): {p.message}
          </Text>
        ))}
        {problems.length > SHOWN_PROBLEMS && (
          <Text size="sm">e mais {problems.length - SHOWN_PROBLEMS}.</Text>
        )}
        <Text size="xs" c="dimmed">
          Verificado em {formatInstant(prepared.at, summary.timezone)}. Depois de corrigir, os e-mails são
          preparados de novo; o que continuar com problema fica pendente na execução.
        </Text>
      </Stack>
    </Alert>
  );
}

export function RunCards({ summary }: { summary: DashboardSummary }) {
  return (
    <>
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        <NextRunCard summary={summary} />
        <LastRunCard summary={summary} />
        <AttentionCard summary={summary} />
      </SimpleGrid>
      <PreparationProblems summary={summary} />
    </>
  );
}
