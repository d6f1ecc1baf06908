// Clientes: who receives the invoices. Searchable, paginated; each customer is edited in a modal.
import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Group,
  LoadingOverlay,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPencil, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { CUSTOMER_FILTERS } from '../../../shared/contract/records';
import type { Customer } from '../../../shared/domain';
import { parseEmailList } from '../../../shared/email-list';
import { useApi } from '../../lib/use-api';
import { CustomerFormModal } from './customer-form';
import { formatTaxDocument } from './format';
import { ListFooter } from './list-footer';

const PAGE_SIZE = 25;
type Filter = (typeof CUSTOMER_FILTERS)[number];
const FILTER_OPTIONS = [
  { value: 'all', label: 'Todos' },
  { value: 'active', label: 'Ativos' },
  { value: 'inactive', label: 'Inativos' },
  { value: 'opted_out', label: 'Não recebem e-mails' },
];

export default function CustomersPage() {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const [filter, setFilter] = useState<Filter | null>(null);
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<Customer | null>(null);
  const query = useApi('customers.list', { search: debounced, filter, page, pageSize: PAGE_SIZE });
  const data = query.data;
  const filtered = debounced.trim() !== '' || filter !== null;

  return (
    <Stack>
      <Title order={2}>Clientes</Title>
      <Group align="flex-end">
        <TextInput
          label="Buscar clientes"
          placeholder="Nome, CPF/CNPJ, e-mail ou código"
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            setPage(1);
          }}
          style={{ flex: 1, maxWidth: 420 }}
        />
        <Select
          label="Situação"
          data={FILTER_OPTIONS}
          value={filter ?? 'all'}
          allowDeselect={false}
          onChange={(v) => {
            setFilter(v === 'all' || v === null ? null : (v as Filter));
            setPage(1);
          }}
          w={220}
        />
      </Group>
      {query.error && (
        <Alert color="red" title="Não foi possível carregar os clientes">
          {query.error}
        </Alert>
      )}
      <Paper withBorder pos="relative" p={0}>
        <LoadingOverlay visible={query.loading && !data} />
        <Table.ScrollContainer minWidth={760}>
          <Table striped highlightOnHover verticalSpacing="xs" aria-label="Clientes">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Nome</Table.Th>
                <Table.Th>CPF/CNPJ</Table.Th>
                <Table.Th>E-mails</Table.Th>
                <Table.Th>Situação</Table.Th>
                <Table.Th w={60}>
                  <VisuallyHidden>Ações</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data?.items.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {c.name}
                    </Text>
                    <Text size="xs" c="dimmed">
                      código {c.id}
                    </Text>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatTaxDocument(c.document) || '—'}</Table.Td>
                  <Table.Td>
                    <Emails value={c.email} />
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      <Badge color={c.active ? 'teal' : 'gray'} variant="light">
                        {c.active ? 'ativo' : 'inativo'}
                      </Badge>
                      {c.emailOptOut && (
                        <Badge color="orange" variant="outline">
                          não recebe e-mails
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Tooltip label="Editar">
                      <ActionIcon
                        variant="subtle"
                        aria-label={`Editar cliente ${c.name}`}
                        onClick={() => setEditing(c)}
                      >
                        <IconPencil size={18} />
                      </ActionIcon>
                    </Tooltip>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {data && data.total === 0 && (
          <Stack align="center" gap={4} p="xl">
            {filtered ? (
              <>
                <Text fw={500}>Nenhum cliente encontrado com essa busca.</Text>
                <Text size="sm" c="dimmed">
                  Confira a grafia, busque pelo CPF/CNPJ ou e-mail, ou mude a situação para Todos.
                </Text>
              </>
            ) : (
              <>
                <Text fw={500}>Nenhum cliente cadastrado ainda.</Text>
                <Text size="sm" c="dimmed">
                  Traga clientes e faturas do seu sistema em <Anchor href="#/importar">Importar</Anchor>.
                </Text>
              </>
            )}
          </Stack>
        )}
      </Paper>
      {data && (
        <ListFooter
          total={data.total}
          page={data.page}
          pageSize={PAGE_SIZE}
          noun={['cliente', 'clientes']}
          onPage={setPage}
        />
      )}
      <CustomerFormModal customer={editing} onClose={() => setEditing(null)} />
    </Stack>
  );
}

function Emails({ value }: { value: string | null | undefined }) {
  const { valid, invalid } = parseEmailList(value);
  if (valid.length === 0 && invalid.length === 0)
    return (
      <Text size="sm" c="dimmed">
        sem e-mail
      </Text>
    );
  return (
    <Stack gap={0}>
      {valid.map((e) => (
        <Text size="sm" key={e}>
          {e}
        </Text>
      ))}
      {invalid.map((e) => (
        <Text size="sm" c="red" key={e} title="e-mail inválido: não recebe avisos">
          {e} (inválido)
        </Text>
      ))}
    </Stack>
  );
}
