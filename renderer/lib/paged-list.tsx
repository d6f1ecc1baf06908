// The paginated lists (Clientes, Faturas, Histórico de envios): their filters and search, the table
// with its loading, error and empty states, and the footer that counts and pages.
import {
  Alert,
  Group,
  LoadingOverlay,
  Pagination,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  VisuallyHidden,
  type TextInputProps,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import type { Page } from '../../shared/contract/method';
import type { Query } from './use-api';

export const PAGE_SIZE = 25;

/** A list's filters as typed; the search is applied 250 ms after the last key, and any change goes back to page 1. */
export function useListFilters<F extends { search: string }>(initial: F) {
  const [filters, setFilters] = useState(initial);
  const [search] = useDebouncedValue(filters.search, 250);
  const [page, setPage] = useState(1);
  const applied = { ...filters, search };
  return {
    filters,
    applied,
    /** Whether anything narrows the list: its empty state then says nothing was found. */
    filtered: Object.values(applied).some((v) => (typeof v === 'string' ? v.trim() !== '' : v != null)),
    /** What the list method is asked. */
    input: { ...applied, page, pageSize: PAGE_SIZE },
    setPage,
    set(patch: Partial<F>) {
      setFilters((current) => ({ ...current, ...patch }));
      setPage(1);
    },
  };
}

export function SearchInput({
  onChange,
  ...props
}: Omit<TextInputProps, 'onChange'> & { value: string; onChange: (value: string) => void }) {
  return (
    <TextInput
      leftSection={<IconSearch size={16} />}
      onChange={(e) => onChange(e.currentTarget.value)}
      {...props}
    />
  );
}

/** "Situação", whose first option ('all') stands for no filter (null). */
export function StatusSelect<S extends string>(props: {
  data: { value: string; label: string }[];
  value: S | null;
  onChange: (value: S | null) => void;
  w: number;
}) {
  return (
    <Select
      label="Situação"
      data={props.data}
      value={props.value ?? 'all'}
      allowDeselect={false}
      onChange={(v) => props.onChange(v === 'all' || v === null ? null : (v as S))}
      w={props.w}
    />
  );
}

export function PagedTable<T>(props: {
  query: Query<Page<T>>;
  /** The table's accessible name. */
  label: string;
  errorTitle: string;
  minWidth: number;
  /** The header cells; a last, unnamed column holds each row's actions. */
  columns: ReactNode;
  actionsWidth?: number;
  row: (item: T) => ReactNode;
  /** What an empty list says: that the filters found nothing, or that there is nothing yet. */
  empty: { title: string; hint: ReactNode };
  /** What is counted, singular and plural: ['fatura', 'faturas']. */
  noun: readonly [string, string];
  onPage: (page: number) => void;
}) {
  const { query } = props;
  const data = query.data;
  return (
    <>
      {query.error && (
        <Alert color="red" title={props.errorTitle}>
          {query.error}
        </Alert>
      )}
      <Paper withBorder pos="relative" p={0}>
        <LoadingOverlay visible={query.loading && !data} />
        <Table.ScrollContainer minWidth={props.minWidth}>
          <Table striped highlightOnHover verticalSpacing="xs" aria-label={props.label}>
            <Table.Thead>
              <Table.Tr>
                {props.columns}
                <Table.Th w={props.actionsWidth}>
                  <VisuallyHidden>Ações</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>{data?.items.map((item) => props.row(item))}</Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {data && data.total === 0 && (
          <Stack align="center" gap={4} p="xl">
            <Text fw={500}>{props.empty.title}</Text>
            <Text size="sm" c="dimmed">
              {props.empty.hint}
            </Text>
          </Stack>
        )}
      </Paper>
      {data && <ListFooter total={data.total} page={data.page} noun={props.noun} onPage={props.onPage} />}
    </>
  );
}

function ListFooter({
  total,
  page,
  noun,
  onPage,
}: {
  total: number;
  page: number;
  noun: readonly [string, string];
  onPage: (page: number) => void;
}) {
  if (total === 0) return null; // the list's empty state says what to do instead
  const pages = Math.ceil(total / PAGE_SIZE);
  const first = (page - 1) * PAGE_SIZE + 1;
  const last = Math.min(total, page * PAGE_SIZE);
  return (
    <Group justify="space-between" mt="sm">
      <Text size="sm" c="dimmed" aria-live="polite">
        {total === 1
          ? `1 ${noun[0]}`
          : pages === 1
            ? `${total} ${noun[1]}`
            : `${first.toLocaleString('pt-BR')}–${last.toLocaleString('pt-BR')} de ${total.toLocaleString('pt-BR')} ${noun[1]}`}
      </Text>
      {pages > 1 && (
        <Pagination
          total={pages}
          value={page}
          onChange={(p) => {
            onPage(p);
            window.scrollTo({ top: 0 }); // the new page starts at the top of the list
          }}
          size="sm"
          aria-label="Páginas"
          getItemProps={(p) => ({ 'aria-label': `Página ${p}` })}
          getControlProps={(control) => ({
            'aria-label': {
              first: 'Primeira página',
              previous: 'Página anterior',
              next: 'Próxima página',
              last: 'Última página',
            }[control],
          })}
        />
      )}
    </Group>
  );
}
