// How an invoice's situation reads and looks: an open invoice past due reads "vencida".
import { Badge } from '@mantine/core';
import { INVOICE_SITUATION_LABELS, type InvoiceSituation } from '../../../shared/invoice-situation';

const COLORS: Record<InvoiceSituation, string> = {
  open: 'blue',
  overdue: 'red',
  paid: 'teal',
  cancelled: 'gray',
};

export function InvoiceStatusBadge({ situation }: { situation: InvoiceSituation }) {
  return (
    <Badge color={COLORS[situation]} variant="light">
      {INVOICE_SITUATION_LABELS[situation]}
    </Badge>
  );
}
