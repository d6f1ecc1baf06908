// Before the run: the billing methods whose imported payments are stale, so their after-due notices
// are held (the freshness guard), with "Liberar envio" for when staff know payments are up to date.
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconLockOpen, IconReceiptOff } from '@tabler/icons-react';
import { useLocation } from 'wouter';
import type { DashboardSummary } from '../../../shared/contract/overview';
import { call } from '../../api';
import { formatDateBR, plural } from '../../lib/format';
import { toastError, toastSaved } from '../../lib/forms';

export function PaymentsAlert({ summary }: { summary: DashboardSummary }) {
  const [, navigate] = useLocation();
  if (summary.stalePayments.length === 0) return null;
  return (
    <Alert
      color="orange"
      icon={<IconReceiptOff size={20} />}
      title="Pagamentos desatualizados"
      aria-label="Pagamentos desatualizados"
    >
      <Stack gap="sm">
        {summary.stalePayments.map((s) => (
          <Stack key={s.billingMethodId} gap={4}>
            <Text size="sm" data-testid="stale-payments">
              <b>{s.billingMethodName}</b>: {s.message}.
            </Text>
            <Text size="sm" c="dimmed">
              {s.fromDate
                ? `Na execução de ${formatDateBR(s.fromDate)}, os avisos de atraso desta forma de cobrança ficarão retidos até chegar um retorno ou você liberar o envio.`
                : 'Os avisos de atraso desta forma de cobrança ficam retidos até chegar um retorno ou você liberar o envio.'}
            </Text>
            <Group gap="xs">
              <Button size="xs" variant="light" onClick={() => navigate('/importar')}>
                Importar retorno
              </Button>
              <Button
                size="xs"
                color="orange"
                leftSection={<IconLockOpen size={14} />}
                onClick={() =>
                  void call('billingMethods.releaseHeld', { id: s.billingMethodId }).then(
                    () => toastSaved(`Envio liberado para ${s.billingMethodName}`),
                    toastError,
                  )
                }
              >
                Liberar envio
              </Button>
            </Group>
          </Stack>
        ))}
        {summary.held > 0 && (
          <Text size="sm">
            {plural(summary.held, 'aviso de atraso retido', 'avisos de atraso retidos')} agora.
          </Text>
        )}
      </Stack>
    </Alert>
  );
}
