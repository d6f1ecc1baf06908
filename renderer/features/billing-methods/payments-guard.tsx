// Pagamentos importados: whether this method's payments come in by file (bank retorno, ERP export)
// and after how many business days without one its after-due notices are held, lest they reach
// customers who already paid. Shows the last payments import, and "Liberar envio" while held.
import { Alert, Button, Group, NumberInput, Stack, Switch, Text, Title } from '@mantine/core';
import { IconLockOpen } from '@tabler/icons-react';
import { useState } from 'react';
import type { BillingMethodView } from '../../../shared/contract/billing';
import { ApiCallError, call } from '../../api';
import { formatDateTimeBR } from '../../lib/format';
import { toastError, toastSaved } from '../../lib/forms';

export function PaymentsGuardForm({ method }: { method: BillingMethodView }) {
  const [enabled, setEnabled] = useState(!!method.importedPayments);
  const [days, setDays] = useState<number>(method.importedPayments?.staleAfterBusinessDays ?? 2);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const dirty =
    enabled !== !!method.importedPayments ||
    (enabled && days !== method.importedPayments?.staleAfterBusinessDays);

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      await call('billingMethods.save', {
        id: method.id,
        name: method.name,
        importedPayments: enabled ? { staleAfterBusinessDays: days } : null,
      });
      toastSaved('Forma de cobrança salva');
    } catch (e) {
      setError(
        e instanceof ApiCallError
          ? (e.fieldErrors['importedPayments.staleAfterBusinessDays'] ?? e.message)
          : (e as Error).message,
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack maw={640} gap="sm" component="section" aria-label="Pagamentos importados">
      <Title order={4}>Pagamentos importados</Title>
      <Switch
        label="Os pagamentos desta forma de cobrança vêm de arquivo (retorno do banco ou do ERP)"
        description="Se nenhum pagamento chegar no prazo abaixo, os avisos de atraso ficam retidos — poderiam ir para quem já pagou. Os avisos antes do vencimento e no vencimento saem normalmente."
        checked={enabled}
        onChange={(e) => setEnabled(e.currentTarget.checked)}
      />
      {enabled && (
        <NumberInput
          label="Dias úteis até os pagamentos ficarem desatualizados"
          description="Sábados, domingos e feriados não contam. O padrão, 2, é o prazo de compensação do boleto."
          min={1}
          max={30}
          allowDecimal={false}
          clampBehavior="none"
          value={days}
          onChange={(v) => setDays(typeof v === 'number' ? v : Number(v) || 0)}
          error={error}
          w={360}
        />
      )}
      <Group>
        <Button onClick={() => void save()} loading={busy} disabled={!dirty}>
          Salvar
        </Button>
      </Group>
      {method.importedPayments && (
        <Text size="sm" c="dimmed">
          Última importação de pagamentos:{' '}
          {method.payments.lastImportAt
            ? `${formatDateTimeBR(method.payments.lastImportAt)} (${method.payments.lastImportFile})`
            : 'nenhuma ainda'}
          .
        </Text>
      )}
      {method.payments.stale && (
        <Alert color="orange" title="Avisos de atraso retidos">
          <Stack gap="xs">
            <Text size="sm">{method.payments.stale}.</Text>
            <Text size="sm">
              Importe o retorno do banco (em Importar ou pela rotina "Importar arquivos"), ou libere o envio
              se os pagamentos estiverem em dia.
            </Text>
            <Group>
              <Button
                size="xs"
                color="orange"
                leftSection={<IconLockOpen size={14} />}
                onClick={() =>
                  void call('billingMethods.releaseHeld', { id: method.id }).then(
                    () => toastSaved('Envio liberado: os avisos retidos saem na próxima execução'),
                    toastError,
                  )
                }
              >
                Liberar envio
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}
