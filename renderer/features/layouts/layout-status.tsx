// The badge that tells a pre-registered layout as shipped, one the office edited, and its own ones.
import { Badge } from '@mantine/core';
import type { LayoutEntry } from '../../../shared/records';

export function layoutStatus(entry: Pick<LayoutEntry, 'preRegistered' | 'customized'>) {
  if (!entry.preRegistered) return { label: 'Próprio', color: 'teal' };
  return entry.customized
    ? { label: 'Editado', color: 'orange' }
    : { label: 'Pré-cadastrado', color: 'blue' };
}

export function LayoutStatusBadge({ entry }: { entry: Pick<LayoutEntry, 'preRegistered' | 'customized'> }) {
  const { label, color } = layoutStatus(entry);
  return (
    <Badge color={color} variant="light">
      {label}
    </Badge>
  );
}
