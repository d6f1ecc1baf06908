// The two 30-day charts of Início: e-mails sent (and failed) per day, and the planner's forecast.
import { BarChart } from '@mantine/charts';
import { Card, Group, Text } from '@mantine/core';
import type { DashboardSummary } from '../../../shared/contract/overview';
import { formatDateBR, plural } from '../../lib/format';

/** dd/mm for chart axes. */
const shortDate = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}`;

export function SentChart({
  days,
  testModeCaptured,
}: {
  days: DashboardSummary['sentPerDay'];
  testModeCaptured: number;
}) {
  const sent = days.reduce((n, d) => n + d.sent, 0);
  const failed = days.reduce((n, d) => n + d.failed, 0);
  const data = days.map((d) => ({ dia: shortDate(d.date), data: formatDateBR(d.date), ...d }));
  return (
    <Card withBorder padding="lg" component="section" aria-label="E-mails enviados nos últimos 30 dias">
      <Group justify="space-between" mb="md">
        <Text fw={600}>E-mails enviados nos últimos 30 dias</Text>
        <Text size="sm" c="dimmed" data-testid="sent-total">
          {plural(sent, 'enviado', 'enviados')} · {plural(failed, 'falha', 'falhas')}
        </Text>
      </Group>
      {testModeCaptured > 0 && (
        <Text size="sm" c="dimmed" mb="sm" data-testid="test-mode-captured">
          Modo de teste: {plural(testModeCaptured, 'e-mail capturado', 'e-mails capturados')} nos últimos 30
          dias, que não saíram para clientes (veja na Caixa de entrada do modo de teste).
        </Text>
      )}
      {sent + failed === 0 ? (
        <Text c="dimmed" py="xl" ta="center">
          Nenhum e-mail enviado a clientes nos últimos 30 dias. Os envios aparecem aqui depois que uma rotina
          executar.
        </Text>
      ) : (
        <BarChart
          h={240}
          data={data}
          dataKey="dia"
          type="stacked"
          series={[
            { name: 'sent', label: 'Enviados', color: 'teal.6' },
            { name: 'failed', label: 'Falhas', color: 'red.6' },
          ]}
          withLegend
          legendProps={{ verticalAlign: 'bottom' }}
          tickLine="y"
          xAxisProps={{ interval: 'preserveStartEnd', minTickGap: 12 }}
          yAxisProps={{ allowDecimals: false }}
          valueFormatter={(v) => v.toLocaleString('pt-BR')}
          data-testid="sent-chart"
        />
      )}
    </Card>
  );
}

export function ForecastChart({ days }: { days: DashboardSummary['forecast'] }) {
  const total = days.reduce((n, d) => n + d.count, 0);
  const data = days.map((d) => ({ dia: shortDate(d.date), count: d.count }));
  const today = days[0]?.count ?? 0;
  return (
    <Card withBorder padding="lg" component="section" aria-label="Previsão dos próximos 30 dias">
      <Group justify="space-between" mb="md">
        <Text fw={600}>Previsão dos próximos 30 dias</Text>
        <Text size="sm" c="dimmed" data-testid="forecast-total">
          {plural(total, 'aviso previsto', 'avisos previstos')} · hoje: {today.toLocaleString('pt-BR')}
        </Text>
      </Group>
      {total === 0 ? (
        <Text c="dimmed" py="xl" ta="center">
          Nenhum aviso previsto. Cadastre faturas em aberto (em Importar) e regras em Forma de Cobrança.
        </Text>
      ) : (
        <BarChart
          h={240}
          data={data}
          dataKey="dia"
          series={[{ name: 'count', label: 'Avisos', color: 'blue.6' }]}
          tickLine="y"
          xAxisProps={{ interval: 'preserveStartEnd', minTickGap: 12 }}
          yAxisProps={{ allowDecimals: false }}
          valueFormatter={(v) => v.toLocaleString('pt-BR')}
          data-testid="forecast-chart"
        />
      )}
    </Card>
  );
}
