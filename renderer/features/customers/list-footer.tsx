// Under every paginated list of this slice (Clientes, Faturas, Histórico): how many, and the pages.
import { Group, Pagination, Text } from '@mantine/core';

export function ListFooter({
  total,
  page,
  pageSize,
  noun,
  onPage,
}: {
  total: number;
  page: number;
  pageSize: number;
  /** What is counted, singular and plural: ['fatura', 'faturas']. */
  noun: readonly [string, string];
  onPage: (page: number) => void;
}) {
  if (total === 0) return null; // the list's empty state says what to do instead
  const pages = Math.ceil(total / pageSize);
  const first = (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
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
