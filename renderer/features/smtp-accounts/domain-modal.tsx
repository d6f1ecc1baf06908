// "Domínio e DKIM" of an account: its DKIM key and record, Verificar domínio, and how the reading of
// its bounce mailbox went. Opened from the account's row.
import { Alert, Button, Divider, Group, Modal, Stack, Text, Title } from '@mantine/core';
import { IconMailbox } from '@tabler/icons-react';
import { useState } from 'react';
import type { SmtpAccountView } from '../../../shared/contract/mail';
import { call } from '../../api';
import { toastError } from '../../lib/forms';
import { formatDateTimeBR } from '../../lib/format';
import { accountLabel } from './accounts-table';
import { DkimSection } from './dkim-section';
import { DomainCheckSection } from './domain-check';

function BounceSection({ account, onRead }: { account: SmtpAccountView; onRead: () => void }) {
  const [busy, setBusy] = useState(false);
  const status = account.bounceStatus;
  async function read() {
    setBusy(true);
    try {
      await call('smtp.bounces.read', { id: account.id });
      onRead();
    } catch (e) {
      toastError(e);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Stack gap="xs" component="section" aria-label="Retornos">
      <Title order={4}>Retornos (e-mails devolvidos)</Title>
      {!account.bounceMailbox ? (
        <Text size="sm" c="dimmed">
          Nenhuma caixa para retornos: os e-mails devolvidos não aparecem no Histórico. Informe a caixa em
          Editar conta.
        </Text>
      ) : (
        <>
          <Text size="sm">
            Lida a cada 10 minutos e depois de cada execução: {account.bounceMailbox.user} em{' '}
            {account.bounceMailbox.host}.
          </Text>
          {status && (
            <Alert
              color={status.ok ? 'teal' : 'red'}
              title={`Última leitura: ${formatDateTimeBR(status.at)}`}
            >
              {status.message}
            </Alert>
          )}
          <Group>
            <Button
              variant="light"
              leftSection={<IconMailbox size={16} />}
              loading={busy}
              onClick={() => void read()}
            >
              Ler retornos agora
            </Button>
          </Group>
        </>
      )}
    </Stack>
  );
}

export function DomainModal({
  account,
  onClose,
  onChanged,
}: {
  account: SmtpAccountView | null;
  onClose: () => void;
  onChanged: () => void;
}) {
  return (
    <Modal
      opened={account !== null}
      onClose={onClose}
      title={account ? `Domínio e entrega de "${accountLabel(account)}"` : ''}
      size="xl"
    >
      {account && (
        <Stack gap="lg">
          <DkimSection account={account} onChanged={onChanged} />
          <Divider />
          <DomainCheckSection
            key={account.id}
            accountId={account.id}
            domain={account.fromAddress.split('@')[1] ?? ''}
          />
          <Divider />
          <BounceSection account={account} onRead={onChanged} />
        </Stack>
      )}
    </Modal>
  );
}
