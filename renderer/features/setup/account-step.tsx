// Step 2, Conta de e-mail: the modo de teste (nothing reaches customers) or the provider's SMTP server,
// in the Contas de e-mail form.
import { Alert, Button, Card, Divider, Stack, Text } from '@mantine/core';
import { IconFlask } from '@tabler/icons-react';
import { useState } from 'react';
import { call } from '../../api';
import { toastError, toastSaved } from '../../lib/forms';
import { useApi } from '../../lib/use-api';
import { AccountForm } from '../smtp-accounts/account-form';
import { StepButtons } from './step-frame';

function TestModeCard({ onDone }: { onDone: () => void }) {
  const [busy, setBusy] = useState(false);
  const enable = async () => {
    setBusy(true);
    try {
      await call('testMode.enable', {});
      toastSaved('Modo de teste ativado: os e-mails ficam na tela Modo de teste');
      onDone();
    } catch (e) {
      toastError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card withBorder padding="md" bg="var(--mantine-color-orange-light)">
      <Stack gap="xs" align="flex-start">
        <Text fw={600}>Ainda não tem os dados do servidor de e-mail?</Text>
        <Text size="sm">
          No modo de teste a Régua recebe os e-mails ela mesma e mostra cada um na tela Modo de teste: nada
          sai para os clientes. Troque pela conta de verdade quando quiser, em Contas de e-mail.
        </Text>
        <Button
          leftSection={<IconFlask size={18} />}
          color="orange"
          loading={busy}
          onClick={() => void enable()}
        >
          Usar modo de teste
        </Button>
      </Stack>
    </Card>
  );
}

export function AccountStep({ onDone, onBack }: { onDone: () => void; onBack: () => void }) {
  const accounts = useApi('smtp.list', {});
  // The sender is usually the company itself: the form starts, once it is loaded, from the name and
  // e-mail saved in step 1.
  const company = useApi('company.get', {});
  const existing = accounts.data ?? [];
  return (
    <Stack gap="md">
      {existing.length > 0 && (
        <Alert color="teal" title="Conta de e-mail já cadastrada">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">
              {existing.map((a) => a.name || a.fromAddress).join(', ')}. Você pode seguir para a próxima etapa
              ou cadastrar outra conta abaixo.
            </Text>
            <Button size="xs" variant="light" onClick={onDone}>
              Continuar com a conta cadastrada
            </Button>
          </Stack>
        </Alert>
      )}
      <TestModeCard onDone={onDone} />
      <Divider label="ou informe o servidor SMTP do provedor" labelPosition="center" />
      {(company.data !== undefined || company.error !== null) && (
        <AccountForm
          account={null}
          compact
          defaults={{
            name: 'Principal',
            fromName: company.data?.name ?? '',
            fromAddress: company.data?.email ?? '',
          }}
          onSaved={onDone}
          actions={(submitting) => <StepButtons onBack={onBack} submitting={submitting} />}
        />
      )}
    </Stack>
  );
}
