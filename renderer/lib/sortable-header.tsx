// A list column the clerk can sort by: the header is a button named after the column, the arrow
// shows the direction and aria-sort tells screen readers. The sort itself is done by main over the
// whole list (it is paged), so this only keeps and passes on the choice.
import { Table, UnstyledButton, type TableThProps } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconArrowsSort } from '@tabler/icons-react';
import { useState } from 'react';
import type { SortDirection } from '../../shared/invoice-situation';

export interface SortState<S extends string> {
  /** What the list method is asked: null until the clerk chooses (the list's own order). */
  sort: S | null;
  direction: SortDirection;
  /** The order shown, the list's own when nothing was chosen. */
  shown: { column: S; direction: SortDirection };
  /** A new column sorts ascending; the column shown flips. */
  toggle(column: S): void;
}

/** `natural` is the order the list comes in when nothing is chosen (Faturas: newest due date first). */
export function useSort<S extends string>(
  natural: { column: S; direction: SortDirection },
  onChange?: () => void,
): SortState<S> {
  const [chosen, setChosen] = useState<{ column: S; direction: SortDirection } | null>(null);
  const shown = chosen ?? natural;
  return {
    sort: chosen?.column ?? null,
    direction: chosen?.direction ?? 'asc',
    shown,
    toggle(column) {
      setChosen({
        column,
        direction: shown.column === column && shown.direction === 'asc' ? 'desc' : 'asc',
      });
      onChange?.();
    },
  };
}

export function SortableTh<S extends string>({
  column,
  state,
  children,
  ...props
}: TableThProps & { column: S; state: SortState<S>; children: string }) {
  const active = state.shown.column === column;
  const direction = state.shown.direction;
  const Icon = !active ? IconArrowsSort : direction === 'asc' ? IconArrowUp : IconArrowDown;
  return (
    <Table.Th
      aria-sort={active ? (direction === 'asc' ? 'ascending' : 'descending') : 'none'}
      style={{ whiteSpace: 'nowrap' }}
      {...props}
    >
      <UnstyledButton
        onClick={() => state.toggle(column)}
        fw={700}
        fz="sm"
        style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}
      >
        {children}
        <Icon size={14} aria-hidden style={{ opacity: active ? 1 : 0.5 }} />
      </UnstyledButton>
    </Table.Th>
  );
}
