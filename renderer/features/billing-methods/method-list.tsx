// Configurações › Financeiro › Forma de Cobrança: the table of billing methods, each with its Ações
// menu (Editar, Ativar/Desativar, Remover), and the Adicionar button.
import { Alert, Badge, Button, EmptyState, Loader, Menu, Stack, Table, Text, Tooltip } from '@mantine/core';
import {
  IconChevronDown,
  IconPencil,
  IconPlayerPause,
  IconPlayerPlay,
  IconPlus,
  IconReceipt,
  IconTrash,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useLocation } from 'wouter';
import type { BillingMethodView } from '../../../shared/contract/billing';
import { call } from '../../api';
import { ConfirmModal } from '../../lib/confirm-modal';
import { plural } from '../../lib/format';
import { toastError, toastSaved } from '../../lib/forms';
import { useApi } from '../../lib/use-api';
import { CreateMethodModal } from './method-form';
import { screenTrail } from '../../app/screens';
import { PageHeader } from '../../lib/page-header';

/** "Em uso por 2 faturas e 1 rotina", or null when nothing uses the method (it can be removed). */
export function usage(method: BillingMethodView): string | null {
  const uses = [
    method.invoiceCount ? plural(method.invoiceCount, 'fatura', 'faturas') : null,
    method.routineCount ? plural(method.routineCount, 'rotina', 'rotinas') : null,
  ].filter(Boolean);
  return uses.length ? `Em uso por ${uses.join(' e ')}` : null;
}

export async function setMethodActive(method: BillingMethodView, active: boolean) {
  try {
    await call('billingMethods.setActive', { id: method.id, active });
    toastSaved(`Forma de cobrança "${method.name}" ${active ? 'ativada' : 'desativada'}`);
  } catch (e) {
    toastError(e);
  }
}

export const StatusBadge = ({ active }: { active: boolean }) => (
  <Badge color={active ? 'teal' : 'gray'} variant="light">
    {active ? 'Ativa' : 'Inativa'}
  </Badge>
);

function RulesSummary({ method }: { method: BillingMethodView }) {
  const total = method.sendRules.length;
  if (!total) return <Text c="dimmed">Nenhuma</Text>;
  const inactive = method.sendRules.filter((r) => !r.active).length;
  return (
    <Text size="sm">
      {total}
      {inactive ? (
        <Text span c="dimmed" size="sm">
          {' '}
          ({plural(inactive, 'inativa', 'inativas')})
        </Text>
      ) : null}
    </Text>
  );
}

function RowActions({ method, onRemove }: { method: BillingMethodView; onRemove: () => void }) {
  const [, navigate] = useLocation();
  const inUse = usage(method);
  const blocked = inUse && `${inUse}: desative em vez de remover.`;
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          variant="default"
          size="xs"
          rightSection={<IconChevronDown size={14} />}
          aria-label={`Ações: ${method.name}`}
        >
          Ações
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item
          leftSection={<IconPencil size={16} />}
          onClick={() => navigate(`/${encodeURIComponent(method.id)}`)}
        >
          Editar
        </Menu.Item>
        <Menu.Item
          leftSection={method.active ? <IconPlayerPause size={16} /> : <IconPlayerPlay size={16} />}
          onClick={() => void setMethodActive(method, !method.active)}
        >
          {method.active ? 'Desativar' : 'Ativar'}
        </Menu.Item>
        <Tooltip label={blocked} disabled={!blocked} position="left" multiline w={260}>
          <div>
            <Menu.Item
              color="red"
              leftSection={<IconTrash size={16} />}
              disabled={!!blocked}
              aria-description={blocked ?? undefined}
              onClick={onRemove}
            >
              Remover
            </Menu.Item>
          </div>
        </Tooltip>
      </Menu.Dropdown>
    </Menu>
  );
}

export function MethodList() {
  const { data, error, loading } = useApi('billingMethods.list', {});
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<BillingMethodView | null>(null);
  const [, navigate] = useLocation();

  const addButton = (
    <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
      Adicionar
    </Button>
  );

  return (
    <Stack gap="lg">
      <PageHeader
        title="Forma de Cobrança"
        trail={screenTrail('/formas-de-cobranca')}
        description="Como você cobra seus clientes; cada forma tem as Regras de Envio que dizem quando sai cada aviso."
        actions={addButton}
      />

      {error && (
        <Alert color="red" title="Não foi possível carregar as formas de cobrança">
          {error}
        </Alert>
      )}
      {loading && !data && <Loader aria-label="Carregando" />}

      {data && data.length === 0 && (
        <EmptyState
          icon={<IconReceipt size={28} />}
          title="Nenhuma forma de cobrança"
          description="Adicione a forma como você cobra seus clientes (Boleto Bancário, PIX, Carnê…). Depois, em Editar › Email, diga quando cada aviso sai."
        >
          <EmptyState.Actions>{addButton}</EmptyState.Actions>
        </EmptyState>
      )}

      {data && data.length > 0 && (
        <Table.ScrollContainer minWidth={640}>
          <Table highlightOnHover verticalSpacing="sm" aria-label="Formas de cobrança">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Nome</Table.Th>
                <Table.Th>Situação</Table.Th>
                <Table.Th>Regras</Table.Th>
                <Table.Th ta="right">Faturas</Table.Th>
                <Table.Th w={110}>Ações</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.map((method) => (
                <Table.Tr key={method.id}>
                  <Table.Td>
                    <Text
                      component="a"
                      href={`#/formas-de-cobranca/${encodeURIComponent(method.id)}`}
                      fw={500}
                      c="inherit"
                      td="none"
                      onClick={(e) => {
                        e.preventDefault();
                        navigate(`/${encodeURIComponent(method.id)}`);
                      }}
                    >
                      {method.name}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge active={method.active} />
                  </Table.Td>
                  <Table.Td>
                    <RulesSummary method={method} />
                  </Table.Td>
                  <Table.Td ta="right">{method.invoiceCount.toLocaleString('pt-BR')}</Table.Td>
                  <Table.Td>
                    <RowActions method={method} onRemove={() => setRemoving(method)} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      <CreateMethodModal opened={adding} onClose={() => setAdding(false)} />
      <ConfirmModal
        opened={removing !== null}
        title="Remover forma de cobrança"
        confirmLabel="Remover"
        onConfirm={async () => {
          if (!removing) return;
          await call('billingMethods.remove', { id: removing.id });
          toastSaved(`Forma de cobrança "${removing.name}" removida`);
        }}
        onClose={() => setRemoving(null)}
      >
        {removing ? `Remover a forma de cobrança "${removing.name}" e as regras de envio dela?` : ''}
      </ConfirmModal>
    </Stack>
  );
}
