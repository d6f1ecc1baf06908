// Contas de e-mail: the SMTP accounts the routines send through, with a connection test per account.
import { Alert, Button, Card, EmptyState, Group, Loader, Modal, Stack, Text, Title } from '@mantine/core';
import { IconFlask, IconMailCog, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { TEST_MODE_ACCOUNT_ID, type SmtpAccountView } from '../../../shared/contract/mail';
import { call } from '../../api';
import { toastError, toastSaved } from '../../lib/forms';
import { useApi } from '../../lib/use-api';
import { AccountFormModal } from './account-form';
import { accountLabel, AccountsTable } from './accounts-table';
import { DomainModal } from './domain-modal';
import { SendTestForm } from './send-test-form';

type Editing = { account: SmtpAccountView | null } | null;

function TestModeCard({ enabled }: { enabled: boolean }) {
  const [busy, setBusy] = useState(false);
  async function enable() {
    setBusy(true);
    try {
      await call('testMode.enable', {});
      toastSaved('Modo de teste ativado: os e-mails ficam na caixa de entrada do programa');
    } catch (e) {
      toastError(e);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Card withBorder padding="lg" bg="var(--mantine-color-orange-light)">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <div>
          <Group gap="xs" mb={4}>
            <IconFlask size={20} />
            <Text fw={600}>Ainda não tem o servidor de e-mail à mão?</Text>
          </Group>
          <Text size="sm">
            {enabled
              ? 'O modo de teste está ativo: as mensagens são capturadas na caixa de entrada do programa e nada sai para os clientes. Cadastre uma conta real quando quiser enviar de verdade.'
              : 'Use o modo de teste: o programa recebe os e-mails numa caixa de entrada própria, para você ver exatamente o que os clientes receberiam — sem enviar nada a ninguém.'}
          </Text>
        </div>
        {enabled ? (
          <Button
            component="a"
            href="#/modo-de-teste"
            variant="white"
            color="orange"
            style={{ flexShrink: 0 }}
          >
            Ver caixa de entrada
          </Button>
        ) : (
          <Button color="orange" loading={busy} onClick={() => void enable()} style={{ flexShrink: 0 }}>
            Usar modo de teste
          </Button>
        )}
      </Group>
    </Card>
  );
}

export default function SmtpAccountsPage() {
  const accounts = useApi('smtp.list', {});
  const [editing, setEditing] = useState<Editing>(null);
  const [removing, setRemoving] = useState<SmtpAccountView | null>(null);
  const [removeError, setRemoveError] = useState<string | null>(null);
  const [removeBusy, setRemoveBusy] = useState(false);
  const [sendingTest, setSendingTest] = useState<SmtpAccountView | null>(null);
  // By id: the modal shows the account as the list has it now (a new key, a new reading).
  const [domainOf, setDomainOf] = useState<string | null>(null);

  const list = accounts.data ?? [];
  const realAccounts = list.filter((a) => a.id !== TEST_MODE_ACCOUNT_ID);
  const testModeOn = list.some((a) => a.id === TEST_MODE_ACCOUNT_ID);

  async function remove() {
    if (!removing) return;
    setRemoveBusy(true);
    setRemoveError(null);
    try {
      await call('smtp.remove', { id: removing.id });
      toastSaved(`Conta "${accountLabel(removing)}" removida`);
      setRemoving(null);
    } catch (e) {
      setRemoveError((e as Error).message);
    } finally {
      setRemoveBusy(false);
    }
  }

  return (
    <Stack gap="lg">
      <Group justify="space-between">
        <div>
          <Title order={2}>Contas de e-mail</Title>
          <Text c="dimmed" size="sm">
            Os servidores SMTP por onde as rotinas enviam as faturas. A senha fica guardada só neste
            computador.
          </Text>
        </div>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing({ account: null })}>
          Adicionar
        </Button>
      </Group>

      {accounts.error && (
        <Alert color="red" title="Não foi possível carregar as contas">
          {accounts.error}
        </Alert>
      )}
      {accounts.loading && !accounts.data && <Loader aria-label="Carregando" />}

      {accounts.data && realAccounts.length === 0 && <TestModeCard enabled={testModeOn} />}

      {accounts.data && list.length === 0 && (
        <EmptyState
          icon={<IconMailCog size={32} />}
          withIndicatorBackground
          title="Nenhuma conta de e-mail cadastrada"
          description="Clique em Adicionar e informe o servidor SMTP, o usuário e a senha que o seu provedor de e-mail fornece (ex.: smtp.gmail.com, porta 587, STARTTLS) — ou use o modo de teste acima."
        />
      )}

      {list.length > 0 && (
        <AccountsTable
          accounts={list}
          onEdit={(account) => setEditing({ account })}
          onSendTest={setSendingTest}
          onDomain={(a) => setDomainOf(a.id)}
          onRemove={(a) => {
            setRemoveError(null);
            setRemoving(a);
          }}
        />
      )}

      <AccountFormModal
        opened={editing !== null}
        account={editing?.account ?? null}
        onClose={() => setEditing(null)}
      />

      <Modal
        opened={removing !== null}
        onClose={() => setRemoving(null)}
        title={`Remover a conta "${removing ? accountLabel(removing) : ''}"?`}
      >
        <Stack>
          <Text size="sm">
            A conta e a senha guardada serão apagadas. As rotinas que a usam impedem a remoção.
          </Text>
          {removeError && (
            <Alert color="red" title="Não foi possível remover">
              {removeError}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRemoving(null)}>
              Cancelar
            </Button>
            <Button color="red" loading={removeBusy} onClick={() => void remove()}>
              Remover
            </Button>
          </Group>
        </Stack>
      </Modal>

      <DomainModal
        account={list.find((a) => a.id === domainOf) ?? null}
        onClose={() => setDomainOf(null)}
        onChanged={() => void accounts.reload()}
      />

      <Modal
        opened={sendingTest !== null}
        onClose={() => setSendingTest(null)}
        title={`Enviar e-mail de teste por "${sendingTest ? accountLabel(sendingTest) : ''}"`}
      >
        {sendingTest && <SendTestForm key={sendingTest.id} smtpAccountId={sendingTest.id} />}
      </Modal>
    </Stack>
  );
}
