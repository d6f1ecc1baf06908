// Reenviar: sends a failed or uncertain notice again, on purpose, and says how it went.
import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconRefresh } from '@tabler/icons-react';
import { useState } from 'react';
import type { DeliveryView } from '../../../shared/contract/records';
import { call } from '../../api';
import { toastError, toastSaved } from '../../lib/forms';

export function ResendButton({ delivery }: { delivery: DeliveryView }) {
  const [busy, setBusy] = useState(false);
  const resend = async () => {
    setBusy(true);
    try {
      const outcome = await call('deliveries.resend', { key: delivery.key });
      if (outcome.status === 'sent')
        toastSaved(`Fatura ${outcome.invoiceNumber} reenviada para ${(outcome.to ?? []).join(', ')}`);
      else
        notifications.show({
          color: 'red',
          title: `A fatura ${outcome.invoiceNumber} não foi reenviada`,
          message:
            outcome.reason ?? 'O servidor de e-mail não confirmou o envio. Veja o Histórico de envios.',
        });
    } catch (e) {
      toastError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      size="xs"
      variant="light"
      leftSection={<IconRefresh size={14} />}
      loading={busy}
      onClick={() => void resend()}
      aria-label={`Reenviar fatura ${delivery.invoiceNumber} para ${delivery.customerName}`}
    >
      Reenviar
    </Button>
  );
}
