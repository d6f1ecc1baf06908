// Marcar como paga by hand: the date and the amount paid (the full amount and today by default). A
// paid invoice gets no more notices; the history says "fatura paga".
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useState } from 'react';
import type { InvoiceView } from '../../../shared/contract/records';
import { ApiCallError, call } from '../../api';
import { formatDateBR, formatMoneyBR, parseDateBR } from '../../lib/format';
import { toastError, toastSaved } from '../../lib/forms';
import { useApi } from '../../lib/use-api';
import { MoneyInput } from './money-input';

export function MarkPaidModal({ invoice, onClose }: { invoice: InvoiceView; onClose: () => void }) {
  const info = useApi('app.info', {}, { live: false });
  const [date, setDate] = useState<string | null>(null);
  const [cents, setCents] = useState<number | undefined>(invoice.amountCents);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const chosen = date ?? info.data?.today ?? null;

  const save = async () => {
    if (!chosen) return setErrors({ date: 'informe a data do pagamento (dd/mm/aaaa)' });
    if (!cents) return setErrors({ amountCents: 'informe o valor pago' });
    setBusy(true);
    setErrors({});
    try {
      await call('invoices.markPaid', { id: invoice.id, date: chosen, amountCents: cents });
      toastSaved(`Fatura ${invoice.number} marcada como paga`);
      onClose();
    } catch (e) {
      if (e instanceof ApiCallError && Object.keys(e.fieldErrors).length) setErrors(e.fieldErrors);
      else toastError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={`Marcar a fatura ${invoice.number} como paga`}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Stack>
          <Text size="sm" c="dimmed">
            {invoice.customerName} · {formatMoneyBR(invoice.amountCents)} · vencimento{' '}
            {formatDateBR(invoice.dueDate)}. Fatura paga não recebe mais avisos.
          </Text>
          <Group grow align="flex-start">
            <DateInput
              label="Data do pagamento"
              valueFormat="DD/MM/YYYY"
              dateParser={parseDateBR}
              placeholder="dd/mm/aaaa"
              value={chosen}
              onChange={setDate}
              error={errors.date}
            />
            <MoneyInput label="Valor pago" cents={cents} onCents={setCents} error={errors.amountCents} />
          </Group>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancelar
            </Button>
            <Button type="submit" loading={busy}>
              Marcar como paga
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
