// The layouts the send rules can use: the pre-registered ones (as shipped or edited) and the office's own.
import {
  Alert,
  Anchor,
  Button,
  EmptyState,
  Loader,
  Paper,
  Stack,
  Table,
  Text,
  VisuallyHidden,
} from '@mantine/core';
import { IconMailPlus, IconPencil, IconTemplate } from '@tabler/icons-react';
import { Link, useLocation } from 'wouter';
import { useApi } from '../../lib/use-api';
import { LayoutStatusBadge } from './layout-status';
import { screenTrail } from '../../app/screens';
import { PageHeader } from '../../lib/page-header';

export function LayoutList() {
  const layouts = useApi('layouts.list', {});
  const [, navigate] = useLocation();
  const editPath = (id: string) => `/editar/${encodeURIComponent(id)}`;

  return (
    <Stack gap="lg">
      <PageHeader
        title="Layout de E-mail"
        trail={screenTrail('/layouts')}
        description="O assunto e o corpo de cada e-mail enviado pelas Regras de Envio. Os layouts pré-cadastrados podem ser editados e restaurados ao padrão a qualquer momento."
        actions={
          <Button leftSection={<IconMailPlus size={18} />} onClick={() => navigate('/novo')}>
            Adicionar
          </Button>
        }
      />

      {layouts.error && (
        <Alert color="red" title="Não foi possível carregar os layouts">
          {layouts.error}
        </Alert>
      )}
      {layouts.loading && !layouts.data && <Loader aria-label="Carregando layouts" />}

      {layouts.data && layouts.data.length === 0 && (
        <EmptyState
          icon={<IconTemplate size={32} />}
          title="Nenhum layout cadastrado"
          description="Clique em Adicionar para criar o primeiro layout de e-mail."
        />
      )}

      {layouts.data && layouts.data.length > 0 && (
        <Paper withBorder>
          <Table highlightOnHover verticalSpacing="sm" aria-label="Layouts de e-mail" layout="fixed">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w="32%">Nome</Table.Th>
                <Table.Th>Assunto (exemplo)</Table.Th>
                <Table.Th w={170}>Situação</Table.Th>
                <Table.Th w={110}>
                  <VisuallyHidden>Ações</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {layouts.data.map((layout) => (
                <Table.Tr key={layout.id}>
                  <Table.Td>
                    <Anchor component={Link} href={editPath(layout.id)} fw={600}>
                      {layout.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" lineClamp={2} title={layout.subject}>
                      {layout.subjectExample}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <LayoutStatusBadge entry={layout} />
                  </Table.Td>
                  <Table.Td>
                    <Button
                      variant="subtle"
                      size="xs"
                      leftSection={<IconPencil size={14} />}
                      aria-label={`Editar layout ${layout.name}`}
                      onClick={() => navigate(editPath(layout.id))}
                    >
                      Editar
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
    </Stack>
  );
}
