// Início: the next and last run, what needs attention, and 30 days of sending each way.
import { Alert, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { onEvent } from '../../api';
import { useApi } from '../../lib/use-api';
import { formatDateBR } from '../../lib/format';
import { ForecastChart, SentChart } from './charts';
import { ImportStatus } from './import-status';
import { PaymentsAlert } from './payments-alert';
import { RunCards } from './run-cards';
import { SetupCallout, useFirstStartRedirect } from './setup-callout';

export default function DashboardPage() {
  const summary = useApi('dashboard.summary', {});
  const status = useApi('setup.status', {});
  useFirstStartRedirect(status.data);
  const { reload } = summary;
  useEffect(() => onEvent('preparation.finished', () => void reload()), [reload]);

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="baseline">
        <Title order={2}>Início</Title>
        {summary.data && <Text c="dimmed">Hoje: {formatDateBR(summary.data.today)}</Text>}
      </Group>
      {status.data?.needsSetup && <SetupCallout status={status.data} />}
      {summary.error && (
        <Alert color="red" title="Não foi possível carregar o resumo">
          {summary.error}
        </Alert>
      )}
      {!summary.data && !summary.error && <Loader aria-label="Carregando" />}
      {summary.data && (
        <>
          {summary.data.warnings.map((w) => (
            <Alert key={w} color="orange" title="Atenção">
              {w}
            </Alert>
          ))}
          <PaymentsAlert summary={summary.data} />
          <RunCards summary={summary.data} />
          <ImportStatus summary={summary.data} />
          <SentChart days={summary.data.sentPerDay} testModeCaptured={summary.data.testModeCaptured} />
          <ForecastChart days={summary.data.forecast} />
        </>
      )}
    </Stack>
  );
}
