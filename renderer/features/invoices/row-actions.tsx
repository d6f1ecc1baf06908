// The actions on one invoice: send it now (open ones only: paid and cancelled invoices get no
// charge), edit it, mark it paid (date and amount) or reopen it, cancel it (asks first; a paid one is
// reopened before), remove it (asks first).
import { ActionIcon, Menu } from '@mantine/core';
import { IconCash, IconDots, IconMail, IconPencil, IconRotate, IconTrash, IconX } from '@tabler/icons-react';
import type { InvoiceStatus, InvoiceView } from '../../../shared/contract/records';
import { call } from '../../api';
import { toastError, toastSaved } from '../../lib/forms';

const DONE: Record<InvoiceStatus, string> = {
  paid: 'marcada como paga',
  cancelled: 'cancelada',
  open: 'reaberta',
};

/** With `rethrow`, a failure is left to the caller (a confirmation dialog shows it and stays open). */
export async function setStatus(invoice: InvoiceView, status: InvoiceStatus, rethrow = false) {
  try {
    await call('invoices.setStatus', { id: invoice.id, status });
    toastSaved(`Fatura ${invoice.number} ${DONE[status]}`);
  } catch (e) {
    if (rethrow) throw e;
    toastError(e);
  }
}

export type InvoiceAction = 'send' | 'edit' | 'markPaid' | 'cancel' | 'remove';

export function InvoiceActions({
  invoice,
  onAction,
}: {
  invoice: InvoiceView;
  onAction: (action: InvoiceAction) => void;
}) {
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon variant="subtle" aria-label={`Ações da fatura ${invoice.number}`}>
          <IconDots size={18} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        {invoice.status === 'open' && (
          <Menu.Item leftSection={<IconMail size={16} />} onClick={() => onAction('send')}>
            Enviar por e-mail
          </Menu.Item>
        )}
        <Menu.Item leftSection={<IconPencil size={16} />} onClick={() => onAction('edit')}>
          Editar
        </Menu.Item>
        <Menu.Divider />
        {invoice.status === 'open' && (
          <Menu.Item leftSection={<IconCash size={16} />} onClick={() => onAction('markPaid')}>
            Marcar como paga
          </Menu.Item>
        )}
        {invoice.status !== 'open' && (
          <Menu.Item leftSection={<IconRotate size={16} />} onClick={() => void setStatus(invoice, 'open')}>
            Reabrir
          </Menu.Item>
        )}
        {invoice.status === 'open' && (
          <Menu.Item color="red" leftSection={<IconX size={16} />} onClick={() => onAction('cancel')}>
            Cancelar
          </Menu.Item>
        )}
        <Menu.Item color="red" leftSection={<IconTrash size={16} />} onClick={() => onAction('remove')}>
          Remover
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
