// A list column the clerk can sort by: the header is a button ("Ordenar por Vencimento"), the arrow
// shows the direction and aria-sort tells screen readers. The sort itself is done by main over the
// whole list (it is paged), so this only keeps and passes on the choice.
import { Table, UnstyledButton, type TableThProps } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconArrowsSort } from '@tabler/icons-react';
import { useState } from 'react';
import type { SortDirection } from '../../shared/invoice-situation';

export interface SortState<S extends string> {
  sort: S | null;
  direction: SortDirection;
  /** First click sorts ascending, the next flips it. */
  toggle(column: S): void;
}

export function useSort<S extends string>(onChange?: () => void): SortState<S> {
  const [state, setState] = useState<{ sort: S | null; direction: SortDirection }>({
    sort: null,
    direction: 'asc',
  });
  return {
    ...state,
    toggle(column) {
      setState((s) => ({
        sort: column,
        direction: s.sort === column && s.direction === 'asc' ? 'desc' : 'asc',
      }));
      onChange?.();
    },
  };
}

export function SortableTh<S extends string>({
  column,
  state,
  children,
  /** The column the list is in order of when nothing was chosen (Faturas: newest due date first). */
  defaultSort,
  ...props
}: TableThProps & {
  column: S;
  state: SortState<S>;
  children: string;
  defaultSort?: SortDirection;
}) {
  const active = state.sort === column || (state.sort === null && defaultSort !== undefined);
  const direction = state.sort === column ? state.direction : (defaultSort ?? 'asc');
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
