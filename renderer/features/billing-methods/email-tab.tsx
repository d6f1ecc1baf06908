// The "Email" tab of a Forma de Cobrança: its Regras de Envio in a table, the picture of the régua,
// and the form that adds or edits a rule.
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  EmptyState,
  Group,
  Paper,
  Stack,
  Switch,
  Table,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconCheck, IconMailForward, IconPencil, IconPlus, IconTrash, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import type { BillingMethodView, SendRuleView } from '../../../shared/contract/billing';
import { call } from '../../api';
import { ConfirmModal } from '../../lib/confirm-modal';
import { ruleKindLabel } from '../../lib/format';
import { ruleLabel } from '../../../shared/rule-kinds';
import { toastError, toastSaved } from '../../lib/forms';
import { useLayoutOptions } from './layout-options';
import { RuleFormModal } from './rule-form';
import { RuleTimeline } from './rule-timeline';

/** Same order as the régua: from the issue date to the furthest day after the due date. */
const KIND_ORDER = { after_issue: 0, before_due: 1, on_due: 2, after_due: 3 } as const;
const chronological = (a: SendRuleView, b: SendRuleView) =>
  KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || (a.kind === 'before_due' ? b.days - a.days : a.days - b.days);

export function EmailTab({ method }: { method: BillingMethodView }) {
  // undefined: no form open; null: a new rule.
  const [editing, setEditing] = useState<SendRuleView | null | undefined>(undefined);
  const [removing, setRemoving] = useState<SendRuleView | null>(null);
  const { options, unavailable } = useLayoutOptions(method);
  const rules = [...method.sendRules].sort(chronological);

  const toggle = async (rule: SendRuleView, active: boolean) => {
    const { layoutName: _name, ...stored } = rule;
    try {
      await call('rules.save', { billingMethodId: method.id, rule: { ...stored, active } });
      toastSaved(active ? 'Regra de envio ativada' : 'Regra de envio desativada');
    } catch (e) {
      toastError(e);
    }
  };

  return (
    <Stack gap="lg">
      <Paper withBorder p="md">
        <Title order={2} size="h4" mb="xs">
          Régua de cobrança
        </Title>
        <RuleTimeline rules={method.sendRules} />
      </Paper>

      <Group justify="space-between">
        <Title order={2} size="h4">
          Regras de Envio
        </Title>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing(null)}>
          Adicionar
        </Button>
      </Group>

      {!method.active && (
        <Alert color="yellow">
          Esta forma de cobrança está inativa: nenhuma regra dela envia e-mails até você ativá-la.
        </Alert>
      )}
      {unavailable && (
        <Alert color="gray" title="Lista de layouts indisponível">
          Mostrando só os layouts pré-cadastrados e os já usados nas regras ({unavailable}).
        </Alert>
      )}

      {rules.length === 0 ? (
        <EmptyState
          icon={<IconMailForward size={28} />}
          title="Nenhuma regra de envio"
          description='Adicione uma regra para os clientes receberem a fatura por e-mail — por exemplo, "Envio antes do Vencimento" com 5 dias e "Envio após Vencido" com 13 dias.'
        >
          <EmptyState.Actions>
            <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing(null)}>
              Adicionar regra de envio
            </Button>
          </EmptyState.Actions>
        </EmptyState>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table striped highlightOnHover verticalSpacing="sm" aria-label="Regras de Envio">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Regra de Envio</Table.Th>
                <Table.Th ta="right">Dias para Envio</Table.Th>
                <Table.Th>Layout de Envio de Email</Table.Th>
                <Table.Th>Anexar fatura</Table.Th>
                <Table.Th>Ativa</Table.Th>
                <Table.Th w={96}>Ações</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rules.map((rule) => (
                <Table.Tr key={rule.id} c={rule.active ? undefined : 'dimmed'}>
                  <Table.Td>{ruleKindLabel(rule.kind)}</Table.Td>
                  <Table.Td ta="right">{rule.days}</Table.Td>
                  <Table.Td>
                    {rule.layoutName ?? (
                      <Tooltip label="Os avisos desta regra ficam pendentes até você escolher outro layout">
                        <Badge color="red" variant="light">
                          layout não encontrado: {rule.layoutId}
                        </Badge>
                      </Tooltip>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      {rule.attachInvoice ? (
                        <IconCheck size={16} color="var(--mantine-color-teal-7)" />
                      ) : (
                        <IconX size={16} color="var(--mantine-color-gray-6)" />
                      )}
                      <Text size="sm">{rule.attachInvoice ? 'Sim' : 'Não'}</Text>
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Switch
                      checked={rule.active}
                      onChange={(e) => void toggle(rule, e.currentTarget.checked)}
                      aria-label={`Ativa: ${ruleLabel(rule)}`}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Tooltip label="Editar regra">
                        <ActionIcon
                          variant="subtle"
                          aria-label={`Editar regra ${ruleLabel(rule)}`}
                          onClick={() => setEditing(rule)}
                        >
                          <IconPencil size={18} />
                        </ActionIcon>
                      </Tooltip>
                      <Tooltip label="Remover regra">
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={`Remover regra ${ruleLabel(rule)}`}
                          onClick={() => setRemoving(rule)}
                        >
                          <IconTrash size={18} />
                        </ActionIcon>
                      </Tooltip>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      <RuleFormModal method={method} rule={editing} layouts={options} onClose={() => setEditing(undefined)} />
      <ConfirmModal
        opened={removing !== null}
        title="Remover regra de envio"
        confirmLabel="Remover"
        onConfirm={async () => {
          if (!removing) return;
          await call('rules.remove', { billingMethodId: method.id, ruleId: removing.id });
          toastSaved('Regra de envio removida');
        }}
        onClose={() => setRemoving(null)}
      >
        {removing
          ? `Remover a regra "${ruleLabel(removing)}"? Os clientes deixam de receber este aviso.`
          : ''}
      </ConfirmModal>
    </Stack>
  );
}
