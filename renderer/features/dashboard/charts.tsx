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

/** Why nothing is forecast, from what there is: no routine, no rule, no open invoice, or all in the past. */
function emptyForecast(summary: DashboardSummary): string {
  const { activeRoutines, activeRules, openInvoices } = summary.coverage;
  if (activeRoutines === 0) return 'Nenhum aviso previsto: não há rotina ativa. Cadastre uma em Rotinas.';
  if (activeRules === 0)
    return 'Nenhum aviso previsto: não há regra de envio ativa. Cadastre as regras em Forma de Cobrança.';
  if (openInvoices === 0)
    return 'Nenhum aviso previsto: não há fatura em aberto. Importe as faturas em Importar.';
  return `Nenhum aviso cai nos próximos 30 dias: ${plural(openInvoices, 'a fatura em aberto já passou', 'as faturas em aberto já passaram')} de todas as regras ou ${openInvoices === 1 ? 'vence' : 'vencem'} mais tarde. Em Rotinas, Simular mostra o motivo de cada uma.`;
}

export function ForecastChart({ summary }: { summary: DashboardSummary }) {
  const days = summary.forecast;
  const total = days.reduce((n, d) => n + d.count, 0);
  const data = days.map((d) => ({ dia: shortDate(d.date), count: d.count }));
  const today = days[0]?.count ?? 0;
  const { pending, uncertain } = summary;
  return (
    <Card withBorder padding="lg" component="section" aria-label="Previsão dos próximos 30 dias">
      <Group justify="space-between" mb="md">
        <Text fw={600}>Previsão dos próximos 30 dias</Text>
        <Text size="sm" c="dimmed" data-testid="forecast-total">
          {plural(total, 'aviso previsto', 'avisos previstos')} · hoje: {today.toLocaleString('pt-BR')}
        </Text>
      </Group>
      {(pending > 0 || uncertain > 0) && (
        <Text size="sm" mb="sm" data-testid="forecast-attention">
          {pending > 0 &&
            `${plural(pending, 'aviso pendente entra', 'avisos pendentes entram')} na previsão, no dia da próxima execução. `}
          {uncertain > 0 &&
            `${plural(uncertain, 'aviso incerto fica', 'avisos incertos ficam')} de fora: não ${uncertain === 1 ? 'é reenviado' : 'são reenviados'} sozinho${uncertain === 1 ? '' : 's'}; verifique no Histórico de envios.`}
        </Text>
      )}
      {total === 0 ? (
        <Text c="dimmed" py="xl" ta="center" data-testid="forecast-empty">
          {emptyForecast(summary)}
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
