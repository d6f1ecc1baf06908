// How a notice's state reads and looks in the history.
import { Badge } from '@mantine/core';
import { DELIVERY_STATUS_LABELS, type DeliveryStatus } from '../../../shared/contract/records';

const COLORS: Record<DeliveryStatus, string> = {
  sending: 'blue',
  sent: 'teal',
  pending: 'yellow',
  failed: 'red',
  skipped: 'gray',
  uncertain: 'orange',
  bounced: 'grape',
};

export function DeliveryStatusBadge({ status }: { status: DeliveryStatus }) {
  return (
    <Badge color={COLORS[status]} variant="light">
      {DELIVERY_STATUS_LABELS[status]}
    </Badge>
  );
}

export const STATUS_OPTIONS = [
  { value: 'all', label: 'Todas' },
  ...(Object.entries(DELIVERY_STATUS_LABELS) as [DeliveryStatus, string][]).map(([value, label]) => ({
    value,
    label,
  })),
];
