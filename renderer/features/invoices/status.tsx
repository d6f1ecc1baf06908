// How an invoice's situation reads and looks.
import { Badge } from '@mantine/core';
import { INVOICE_STATUS_LABELS, type InvoiceStatus } from '../../../shared/contract/records';

const COLORS: Record<InvoiceStatus, string> = { open: 'blue', paid: 'teal', cancelled: 'gray' };

export function InvoiceStatusBadge({ status }: { status: InvoiceStatus }) {
  return (
    <Badge color={COLORS[status]} variant="light">
      {INVOICE_STATUS_LABELS[status]}
    </Badge>
  );
}
