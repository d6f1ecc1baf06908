// Enviar por e-mail: pick a layout, see the mail exactly as it would go (recipients, subject,
// attachment, body in a sandboxed frame), then send it now as a manual notice.
import { Alert, Button, Group, Loader, Modal, Paper, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconPaperclip, IconSend } from '@tabler/icons-react';
import { useState } from 'react';
import type { InvoiceView } from '../../../shared/contract/records';
import { call } from '../../api';
import { formatDateBR, formatMoneyBR } from '../../lib/format';
import { toastSaved } from '../../lib/forms';
import { MailFrame } from '../../lib/mail-frame';
import { useApi } from '../../lib/use-api';
import { layoutOptions, localToday, suggestedLayout } from './layout-choice';

export function SendInvoiceModal({ invoice, onClose }: { invoice: InvoiceView | null; onClose: () => void }) {
  return (
    <Modal
      opened={invoice !== null}
      onClose={onClose}
      title={invoice ? `Enviar fatura ${invoice.number} por e-mail` : ''}
      size="xl"
    >
      {invoice && <SendForm key={invoice.id} invoice={invoice} onDone={onClose} />}
    </Modal>
  );
}

function SendForm({ invoice, onDone }: { invoice: InvoiceView; onDone: () => void }) {
  const layouts = useApi('layouts.list', {}, { live: false });
  const accounts = useApi('smtp.list', {}, { live: false });
  const options = layoutOptions(layouts.data);
  const [picked, setPicked] = useState<string | null>(null);
  const layoutId = picked ?? suggestedLayout(invoice.dueDate, localToday(), options) ?? '';
  const [accountId, setAccountId] = useState<string | null>(null);
  const preview = useApi('invoices.preview', { invoiceId: invoice.id, layoutId });
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const blocked = preview.data?.warnings.some((w) => w.blocking) ?? true;

  const send = async () => {
    setSending(true);
    setFailure(null);
    try {
      const delivery = await call('invoices.send', {
        invoiceId: invoice.id,
        layoutId,
        smtpAccountId: accountId,
      });
      if (delivery.status === 'sent') {
        toastSaved(`E-mail da fatura ${invoice.number} enviado para ${(delivery.to ?? []).join(', ')}`);
        onDone();
        return;
      }
      const reason = delivery.reason ?? delivery.smtpResponse ?? 'sem resposta do servidor';
      setFailure(reason);
      notifications.show({ color: 'red', title: 'O e-mail não foi enviado', message: reason });
    } catch (e) {
      setFailure((e as Error).message);
      notifications.show({ color: 'red', title: 'O e-mail não foi enviado', message: (e as Error).message });
    } finally {
      setSending(false);
    }
  };

  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Field label="Cliente" value={invoice.customerName} />
        <Field label="Vencimento" value={formatDateBR(invoice.dueDate)} />
        <Field label="Valor" value={formatMoneyBR(invoice.amountCents)} />
      </SimpleGrid>
      <Group grow align="flex-start">
        <Select
          label="Layout de e-mail"
          data={options}
          value={layoutId}
          allowDeselect={false}
          onChange={(v) => v && setPicked(v)}
          description={
            layouts.error ? 'Lista de layouts indisponível: mostrando os pré-cadastrados' : undefined
          }
        />
        {accounts.data && accounts.data.length > 1 && (
          <Select
            label="Enviar pela conta"
            placeholder="a conta da rotina"
            data={accounts.data.map((a) => ({ value: a.id, label: a.name || a.fromAddress }))}
            value={accountId}
            onChange={setAccountId}
            clearable
          />
        )}
      </Group>
      {preview.error && (
        <Alert color="red" title="Não foi possível montar a prévia">
          {preview.error}
        </Alert>
      )}
      {preview.data?.warnings.map((w) => (
        <Alert
          key={w.message}
          color={w.blocking ? 'red' : 'yellow'}
          icon={<IconAlertTriangle size={18} />}
          title={w.blocking ? 'Não é possível enviar' : 'Atenção'}
        >
          {w.message}
        </Alert>
      ))}
      {preview.data ? (
        <Paper withBorder p="sm" aria-label="Prévia do e-mail">
          <Stack gap={6}>
            <Field label="Para" value={preview.data.to.join(', ') || '—'} />
            <Field label="Assunto" value={preview.data.subject} />
            {preview.data.attachmentName && (
              <Group gap={4}>
                <IconPaperclip size={16} aria-hidden />
                <Text size="sm">
                  Anexo: <b>{preview.data.attachmentName}</b>
                </Text>
              </Group>
            )}
            <MailFrame html={preview.data.html} height={420} />
          </Stack>
        </Paper>
      ) : (
        !preview.error && (
          <Group justify="center" p="xl">
            <Loader size="sm" />
            <Text size="sm" c="dimmed">
              Montando a prévia…
            </Text>
          </Group>
        )
      )}
      {failure && (
        <Alert color="red" title="O servidor não aceitou o e-mail">
          {failure}
          <Text size="sm" mt={4}>
            O envio ficou registrado no Histórico de envios, onde você pode usar Reenviar depois de corrigir.
          </Text>
        </Alert>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          Fechar
        </Button>
        <Button
          leftSection={<IconSend size={16} />}
          onClick={() => void send()}
          loading={sending}
          disabled={blocked || preview.loading}
        >
          Enviar agora
        </Button>
      </Group>
    </Stack>
  );
}

function Field({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={500}>
        {value}
      </Text>
    </div>
  );
}
