// Remover cliente: asked once; a customer with invoices is asked a second time, saying that its
// invoices go with it (the history of what was sent stays).
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { Customer } from '../../../shared/domain';
import { call } from '../../api';
import { plural } from '../../lib/format';
import { toastError, toastSaved } from '../../lib/forms';
import { useApi } from '../../lib/use-api';

export function RemoveCustomerModal({ customer, onClose }: { customer: Customer; onClose: () => void }) {
  const invoices = useApi('invoices.list', { customerId: customer.id, pageSize: 1 }, { live: false });
  const [step, setStep] = useState<'ask' | 'with-invoices'>('ask');
  const [busy, setBusy] = useState(false);
  const count = invoices.data?.total ?? 0;

  const remove = async (withInvoices: boolean) => {
    setBusy(true);
    try {
      const { invoicesRemoved } = await call('customers.remove', { id: customer.id, withInvoices });
      toastSaved(
        invoicesRemoved
          ? `Cliente ${customer.name} e ${plural(invoicesRemoved, 'fatura', 'faturas')} removidos`
          : `Cliente ${customer.name} removido`,
      );
      onClose();
    } catch (e) {
      toastError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title="Remover cliente">
      <Stack>
        {step === 'ask' && count === 0 && (
          <Text>
            Remover o cliente {customer.name} (código {customer.id})? Isto não pode ser desfeito.
          </Text>
        )}
        {step === 'ask' && count > 0 && (
          <Text>
            {customer.name} tem {plural(count, 'fatura', 'faturas')}. Para remover o cliente, as faturas dele
            também são removidas. Se ele só deixou de ser cliente, prefira desmarcar "Cliente ativo" em
            Editar.
          </Text>
        )}
        {step === 'with-invoices' && (
          <Text>
            Remover {customer.name} e {count === 1 ? 'a fatura dele' : `as ${count} faturas dele`}? Isto não
            pode ser desfeito; o histórico de envios é mantido.
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            Cancelar
          </Button>
          {step === 'ask' && count > 0 ? (
            <Button
              color="red"
              variant="light"
              onClick={() => setStep('with-invoices')}
              disabled={!invoices.data}
            >
              Continuar
            </Button>
          ) : (
            <Button
              color="red"
              loading={busy}
              disabled={!invoices.data}
              onClick={() => void remove(step === 'with-invoices')}
            >
              {step === 'with-invoices'
                ? `Remover cliente e ${plural(count, 'fatura', 'faturas')}`
                : 'Remover'}
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
