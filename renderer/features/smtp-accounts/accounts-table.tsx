// The accounts, one row each, with Testar conexão's answer right under its row.
import { ActionIcon, Alert, Badge, Button, Group, Table, Text, Tooltip } from '@mantine/core';
import {
  IconMailForward,
  IconPencil,
  IconPlugConnected,
  IconShieldCheck,
  IconTrash,
} from '@tabler/icons-react';
import { Fragment, useState } from 'react';
import { TEST_MODE_ACCOUNT_ID, type SmtpAccountView } from '../../../shared/contract/mail';
import { call } from '../../api';
import { securityLabel } from './labels';

type TestResult = { ok: boolean; message: string };

export const accountLabel = (a: SmtpAccountView) => a.name || a.id;

export function AccountsTable({
  accounts,
  onEdit,
  onSendTest,
  onDomain,
  onRemove,
}: {
  accounts: SmtpAccountView[];
  onEdit: (a: SmtpAccountView) => void;
  onSendTest: (a: SmtpAccountView) => void;
  /** Domínio e DKIM: the DKIM key, Verificar domínio, the bounce mailbox's readings. */
  onDomain: (a: SmtpAccountView) => void;
  onRemove: (a: SmtpAccountView) => void;
}) {
  const [testing, setTesting] = useState<Record<string, boolean>>({});
  const [results, setResults] = useState<Record<string, TestResult | undefined>>({});

  async function test(id: string) {
    setTesting((t) => ({ ...t, [id]: true }));
    setResults((r) => ({ ...r, [id]: undefined }));
    try {
      const result = await call('smtp.test', { id });
      setResults((r) => ({ ...r, [id]: result }));
    } catch (e) {
      setResults((r) => ({ ...r, [id]: { ok: false, message: (e as Error).message } }));
    } finally {
      setTesting((t) => ({ ...t, [id]: false }));
    }
  }

  return (
    <Table.ScrollContainer minWidth={900}>
      <Table verticalSpacing="sm" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Nome / ID</Table.Th>
            <Table.Th>Servidor</Table.Th>
            <Table.Th>Porta</Table.Th>
            <Table.Th>Segurança</Table.Th>
            <Table.Th>Remetente</Table.Th>
            <Table.Th>Senha</Table.Th>
            <Table.Th>Ações</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {accounts.map((a) => {
            const testMode = a.id === TEST_MODE_ACCOUNT_ID;
            const result = results[a.id];
            return (
              <Fragment key={a.id}>
                <Table.Tr>
                  <Table.Td>
                    <Text fw={500}>{accountLabel(a)}</Text>
                    <Group gap={6}>
                      <Text size="xs" c="dimmed">
                        {a.id}
                      </Text>
                      {testMode && (
                        <Badge size="xs" color="orange" variant="light">
                          modo de teste
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>{testMode ? 'caixa de entrada local' : a.host}</Table.Td>
                  <Table.Td>{testMode ? '—' : a.port}</Table.Td>
                  <Table.Td>{testMode ? '—' : securityLabel(a.security)}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{a.fromName}</Text>
                    <Text size="xs" c="dimmed">
                      {a.fromAddress}
                    </Text>
                    {!testMode && (a.dkim || a.bounceMailbox) && (
                      <Group gap={4} mt={2}>
                        {a.dkim && (
                          <Badge size="xs" variant="light" color={a.dkim.hasPrivateKey ? 'teal' : 'orange'}>
                            {a.dkim.hasPrivateKey ? 'assina com DKIM' : 'DKIM sem chave'}
                          </Badge>
                        )}
                        {a.bounceMailbox && (
                          <Badge
                            size="xs"
                            variant="light"
                            color={a.bounceStatus?.ok === false ? 'red' : 'blue'}
                          >
                            {a.bounceStatus?.ok === false ? 'retornos: falha na leitura' : 'lê retornos'}
                          </Badge>
                        )}
                      </Group>
                    )}
                  </Table.Td>
                  <Table.Td>{a.hasPassword ? 'definida' : '—'}</Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Button
                        size="xs"
                        variant="light"
                        leftSection={<IconPlugConnected size={14} />}
                        loading={testing[a.id] ?? false}
                        onClick={() => void test(a.id)}
                        aria-label={`Testar conexão de ${accountLabel(a)}`}
                      >
                        Testar conexão
                      </Button>
                      {!testMode && (
                        <Tooltip label="Domínio e DKIM: assinatura, Verificar domínio e retornos">
                          <ActionIcon
                            variant="subtle"
                            aria-label={`Domínio e DKIM de ${accountLabel(a)}`}
                            onClick={() => onDomain(a)}
                          >
                            <IconShieldCheck size={18} />
                          </ActionIcon>
                        </Tooltip>
                      )}
                      <Tooltip label="Enviar e-mail de teste">
                        <ActionIcon
                          variant="subtle"
                          aria-label={`Enviar e-mail de teste por ${accountLabel(a)}`}
                          onClick={() => onSendTest(a)}
                        >
                          <IconMailForward size={18} />
                        </ActionIcon>
                      </Tooltip>
                      <Tooltip label="Editar">
                        <ActionIcon
                          variant="subtle"
                          aria-label={`Editar ${accountLabel(a)}`}
                          onClick={() => onEdit(a)}
                        >
                          <IconPencil size={18} />
                        </ActionIcon>
                      </Tooltip>
                      <Tooltip label="Remover">
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={`Remover ${accountLabel(a)}`}
                          onClick={() => onRemove(a)}
                        >
                          <IconTrash size={18} />
                        </ActionIcon>
                      </Tooltip>
                    </Group>
                  </Table.Td>
                </Table.Tr>
                {result && (
                  <Table.Tr>
                    <Table.Td colSpan={7}>
                      <Alert
                        color={result.ok ? 'green' : 'red'}
                        title={result.ok ? 'Conexão funcionando' : 'Falha na conexão'}
                        withCloseButton
                        closeButtonLabel="Fechar resultado"
                        onClose={() => setResults((r) => ({ ...r, [a.id]: undefined }))}
                      >
                        {result.message}
                      </Alert>
                    </Table.Td>
                  </Table.Tr>
                )}
              </Fragment>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
