// Modo de teste: a local mailbox stands in for the SMTP server; every message lands here, live.
import {
  Alert,
  Badge,
  Button,
  Card,
  EmptyState,
  Group,
  List,
  Modal,
  Stack,
  Table,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { IconFlask, IconInbox, IconPaperclip, IconTrash } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { call, onEvent } from '../../api';
import { formatInstant } from '../../lib/format';
import { useCompanyTimezone } from '../../lib/use-timezone';
import { toastError, toastSaved } from '../../lib/forms';
import { useApi } from '../../lib/use-api';
import { SendTestForm } from '../smtp-accounts/send-test-form';
import { MessageViewer } from './message-viewer';
import { PageHeader } from '../../lib/page-header';

function TestModeStatus() {
  const status = useApi('testMode.status', {});
  const [busy, setBusy] = useState(false);
  async function enable() {
    setBusy(true);
    try {
      await call('testMode.enable', {});
      toastSaved('Modo de teste ativado');
      await status.reload();
    } catch (e) {
      toastError(e);
    } finally {
      setBusy(false);
    }
  }
  if (!status.data) return null;
  const { enabled, port, accountId } = status.data;
  return (
    <Card withBorder padding="lg">
      <Group justify="space-between" align="flex-start">
        <Group gap="xs">
          <IconFlask size={20} />
          <Text fw={600}>Modo de teste</Text>
          <Badge color={enabled ? 'orange' : 'gray'} variant="light">
            {enabled ? 'ativo' : 'desativado'}
          </Badge>
        </Group>
        {!enabled && (
          <Button color="orange" loading={busy} onClick={() => void enable()}>
            Ativar modo de teste
          </Button>
        )}
      </Group>
      {enabled ? (
        <Stack gap="sm" mt="sm">
          <Text size="sm">
            A conta de e-mail <b>Modo de teste</b> ({accountId}) entrega na caixa de entrada abaixo
            {port ? ` (servidor local na porta ${port})` : ''}. Para que uma rotina use o modo de teste,
            escolha essa conta em <a href="#/rotinas">Rotinas</a>.
          </Text>
          <SendTestForm smtpAccountId={accountId} defaultTo="cliente@exemplo.com.br" />
        </Stack>
      ) : (
        <Text size="sm" mt="sm">
          Ative para criar a conta de e-mail “Modo de teste”: um servidor de e-mail local, dentro do programa,
          que captura as mensagens em vez de enviá-las.
        </Text>
      )}
    </Card>
  );
}

export default function InboxPage() {
  const inbox = useApi('inbox.list', {});
  const timezone = useCompanyTimezone();
  const { reload } = inbox;
  const [selected, setSelected] = useState<string | null>(null);
  const [confirmClear, setConfirmClear] = useState(false);
  const [clearing, setClearing] = useState(false);

  useEffect(
    () =>
      onEvent('inbox.received', ({ id }) => {
        void reload();
        setSelected((current) => current ?? id);
      }),
    [reload],
  );

  const messages = inbox.data ?? [];
  const shown = selected && messages.some((m) => m.id === selected) ? selected : null;

  async function clear() {
    setClearing(true);
    try {
      await call('inbox.clear', {});
      setSelected(null);
      setConfirmClear(false);
      toastSaved('Caixa de entrada limpa');
      await reload();
    } catch (e) {
      toastError(e);
    } finally {
      setClearing(false);
    }
  }

  return (
    <Stack gap="lg">
      <PageHeader
        title="Modo de teste"
        description="Experimente tudo sem enviar nada a ninguém: no modo de teste os e-mails das rotinas e dos testes são capturados aqui, exatamente como os clientes os receberiam."
      />
      <List size="sm" spacing={2}>
        <List.Item>
          Nenhuma mensagem sai do computador enquanto a rotina usa a conta “Modo de teste”.
        </List.Item>
        <List.Item>
          Cada mensagem capturada aparece na hora, com o HTML, o texto e os anexos (a fatura em PDF).
        </List.Item>
        <List.Item>
          Quando estiver tudo certo, cadastre a conta real em <a href="#/contas-de-email">Contas de e-mail</a>{' '}
          e troque a conta da rotina.
        </List.Item>
      </List>

      <TestModeStatus />

      <Group justify="space-between">
        <Title order={2} size="h3">
          Caixa de entrada
        </Title>
        <Button
          variant="light"
          color="red"
          leftSection={<IconTrash size={16} />}
          disabled={messages.length === 0}
          onClick={() => setConfirmClear(true)}
        >
          Limpar caixa
        </Button>
      </Group>

      {inbox.error && (
        <Alert color="red" title="Não foi possível ler a caixa de entrada">
          {inbox.error}
        </Alert>
      )}

      {inbox.data && messages.length === 0 ? (
        <EmptyState
          icon={<IconInbox size={32} />}
          withIndicatorBackground
          title="Nenhuma mensagem capturada"
          description="Com o modo de teste ativo, envie um e-mail de teste ou execute uma rotina que use a conta “Modo de teste”: as mensagens aparecem aqui na hora."
        />
      ) : (
        <Stack gap="md">
          <Table.ScrollContainer minWidth={640} maxHeight={320}>
            <Table highlightOnHover stickyHeader aria-label="Mensagens capturadas">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Recebido em</Table.Th>
                  <Table.Th>Para</Table.Th>
                  <Table.Th>Assunto</Table.Th>
                  <Table.Th>Anexos</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {messages.map((m) => (
                  <Table.Tr
                    key={m.id}
                    onClick={() => setSelected(m.id)}
                    bg={m.id === shown ? 'var(--mantine-primary-color-light)' : undefined}
                    style={{ cursor: 'pointer' }}
                  >
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {formatInstant(m.receivedAt, timezone)}
                    </Table.Td>
                    <Table.Td>{m.to.join(', ')}</Table.Td>
                    <Table.Td>
                      <UnstyledButton
                        onClick={() => setSelected(m.id)}
                        aria-current={m.id === shown ? 'true' : undefined}
                        fw={m.id === shown ? 600 : undefined}
                        fz="sm"
                      >
                        {m.subject || '(sem assunto)'}
                      </UnstyledButton>
                    </Table.Td>
                    <Table.Td>
                      {m.attachments.length > 0 ? (
                        <Group gap={2} wrap="nowrap" title={m.attachments.map((a) => a.filename).join(', ')}>
                          <IconPaperclip size={14} aria-hidden />
                          <Text size="sm">{m.attachments.length}</Text>
                        </Group>
                      ) : (
                        '—'
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {shown ? (
            <MessageViewer id={shown} />
          ) : (
            <Text c="dimmed" size="sm">
              Escolha uma mensagem para ver o conteúdo.
            </Text>
          )}
        </Stack>
      )}

      <Modal opened={confirmClear} onClose={() => setConfirmClear(false)} title="Limpar a caixa de entrada?">
        <Stack>
          <Text size="sm">Todas as {messages.length} mensagens capturadas serão apagadas.</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmClear(false)}>
              Cancelar
            </Button>
            <Button color="red" loading={clearing} onClick={() => void clear()}>
              Limpar caixa
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
