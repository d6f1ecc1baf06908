// While the sample data is loaded, Clientes and Faturas say so and offer to remove exactly what it
// added (main records what the sample brought when it is loaded).
import { Alert, Button, Group, Text } from '@mantine/core';
import { IconDatabaseOff } from '@tabler/icons-react';
import { useState } from 'react';
import { call } from '../../api';
import { ConfirmModal } from '../../lib/confirm-modal';
import { toastSaved } from '../../lib/forms';
import { useApi } from '../../lib/use-api';

export function SampleDataBanner() {
  const status = useApi('setup.status', {});
  const [asking, setAsking] = useState(false);
  if (!status.data?.sampleLoaded) return null;
  return (
    <Alert color="blue" variant="light" title="Dados de exemplo" aria-label="Dados de exemplo">
      <Group justify="space-between" wrap="wrap">
        <Text size="sm">
          Os clientes e faturas do provedor fictício estão carregados. Quando for usar os seus, remova-os.
        </Text>
        <Button
          size="xs"
          variant="light"
          color="red"
          leftSection={<IconDatabaseOff size={16} />}
          onClick={() => setAsking(true)}
        >
          Remover dados de exemplo
        </Button>
      </Group>
      <ConfirmModal
        opened={asking}
        title="Remover dados de exemplo"
        confirmLabel="Remover dados de exemplo"
        onClose={() => setAsking(false)}
        onConfirm={async () => {
          const { removed, kept } = await call('setup.removeSample', {});
          toastSaved(
            `Dados de exemplo removidos: ${removed.customers ?? 0} clientes e ${removed.invoices ?? 0} faturas${kept.length ? `; mantidos: ${kept.join('; ')}` : ''}`,
          );
        }}
      >
        Remove os clientes, as faturas, a rotina, a conta do modo de teste e a forma de cobrança que o exemplo
        trouxe. O que você cadastrou fica; o que depender do exemplo (uma fatura sua na forma de cobrança do
        exemplo, por exemplo) o mantém.
      </ConfirmModal>
    </Alert>
  );
}
