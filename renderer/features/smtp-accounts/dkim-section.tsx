// Assinatura DKIM of an account: make a key here (or import the one the provider gave), then publish
// the record shown. The private key never comes back to the screen.
import { Alert, Button, Group, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { IconKey, IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import type { SmtpAccountView } from '../../../shared/contract/mail';
import { call, ApiCallError } from '../../api';
import { ConfirmModal } from '../../lib/confirm-modal';
import { toastError, toastSaved } from '../../lib/forms';
import { formatDateTimeBR } from '../../lib/format';
import { DnsRecord } from './dns-record';

function ImportForm({ accountId, onDone }: { accountId: string; onDone: () => void }) {
  const [selector, setSelector] = useState('');
  const [privateKey, setPrivateKey] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  async function submit() {
    setErrors({});
    setBusy(true);
    try {
      await call('smtp.dkim.import', { id: accountId, selector, privateKey });
      toastSaved('Chave DKIM importada: publique o registro abaixo');
      onDone();
    } catch (e) {
      setErrors(
        e instanceof ApiCallError && Object.keys(e.fieldErrors).length
          ? e.fieldErrors
          : { _: (e as Error).message },
      );
    } finally {
      setBusy(false);
    }
  }
  return (
    <Stack
      gap="xs"
      component="form"
      aria-label="Importar chave DKIM"
      onSubmit={(e) => (e.preventDefault(), void submit())}
    >
      <TextInput
        label="Seletor"
        description="O nome que o seu provedor deu à chave (o que vem antes de ._domainkey no registro)"
        placeholder="ex.: s1"
        withAsterisk
        value={selector}
        onChange={(e) => setSelector(e.currentTarget.value)}
        error={errors.selector}
      />
      <Textarea
        label="Chave privada (PEM)"
        placeholder={'-----BEGIN PRIVATE KEY-----\n…\n-----END PRIVATE KEY-----'}
        withAsterisk
        autosize
        minRows={4}
        maxRows={10}
        styles={{ input: { fontFamily: 'monospace', fontSize: 12 } }}
        value={privateKey}
        onChange={(e) => setPrivateKey(e.currentTarget.value)}
        error={errors.privateKey}
      />
      {errors._ && <Alert color="red">{errors._}</Alert>}
      <Group justify="flex-end">
        <Button type="submit" loading={busy} leftSection={<IconUpload size={16} />}>
          Importar
        </Button>
      </Group>
    </Stack>
  );
}

export function DkimSection({ account, onChanged }: { account: SmtpAccountView; onChanged: () => void }) {
  const [busy, setBusy] = useState(false);
  const [importing, setImporting] = useState(false);
  const [confirm, setConfirm] = useState<'replace' | 'remove' | null>(null);
  const dkim = account.dkim;

  const doGenerate = async () => {
    await call('smtp.dkim.generate', { id: account.id });
    toastSaved('Chave DKIM gerada: publique o registro no DNS do domínio');
    onChanged();
  };
  async function generateFirst() {
    setBusy(true);
    try {
      await doGenerate();
    } catch (e) {
      toastError(e);
    } finally {
      setBusy(false);
    }
  }
  const doRemove = async () => {
    await call('smtp.dkim.remove', { id: account.id });
    toastSaved('Assinatura DKIM removida');
    onChanged();
  };

  return (
    <Stack gap="sm" component="section" aria-label="Assinatura DKIM">
      <Title order={4}>Assinatura DKIM</Title>
      {!dkim ? (
        <Text size="sm">
          Com DKIM, cada e-mail sai assinado com uma chave do domínio {account.fromAddress.split('@')[1]}, e
          os provedores dos clientes (Gmail, Outlook…) conseguem conferir que ele é mesmo seu: menos cobranças
          no spam. Gere a chave aqui e publique o registro que aparecer no DNS do domínio.
        </Text>
      ) : (
        <>
          <Text size="sm">
            As mensagens desta conta saem assinadas para <b>{dkim.domain}</b> com o seletor{' '}
            <b>{dkim.selector}</b>
            {dkim.createdAt ? ` (chave de ${formatDateTimeBR(dkim.createdAt)})` : ''}. Publique este registro
            no DNS do domínio (no painel de quem registrou o domínio ou hospeda o site) e depois use Verificar
            domínio:
          </Text>
          {!dkim.hasPrivateKey && (
            <Alert color="orange" title="A chave privada não está neste computador">
              As mensagens saem sem assinatura. Gere uma chave nova ou importe a chave de novo.
            </Alert>
          )}
          {dkim.record && (
            <DnsRecord record={dkim.record} label="Registro DKIM a publicar" zone={dkim.domain} />
          )}
        </>
      )}
      <Group gap="xs">
        <Button
          leftSection={<IconKey size={16} />}
          loading={busy}
          variant={dkim ? 'default' : 'filled'}
          onClick={() => (dkim ? setConfirm('replace') : void generateFirst())}
        >
          {dkim ? 'Gerar nova chave' : 'Gerar chave'}
        </Button>
        <Button
          variant="default"
          leftSection={<IconUpload size={16} />}
          onClick={() => setImporting((v) => !v)}
        >
          Importar chave
        </Button>
        {dkim && (
          <Button variant="subtle" color="red" onClick={() => setConfirm('remove')}>
            Remover assinatura
          </Button>
        )}
      </Group>
      {importing && (
        <ImportForm
          accountId={account.id}
          onDone={() => {
            setImporting(false);
            onChanged();
          }}
        />
      )}
      <ConfirmModal
        opened={confirm === 'replace'}
        title="Gerar uma nova chave DKIM?"
        confirmLabel="Gerar nova chave"
        onConfirm={doGenerate}
        onClose={() => setConfirm(null)}
      >
        A nova chave tem outro seletor e passa a assinar as mensagens já. Publique o novo registro logo: até
        lá as assinaturas não podem ser conferidas. O registro antigo pode ser apagado do DNS depois.
      </ConfirmModal>
      <ConfirmModal
        opened={confirm === 'remove'}
        title="Remover a assinatura DKIM?"
        confirmLabel="Remover"
        onConfirm={doRemove}
        onClose={() => setConfirm(null)}
      >
        As mensagens desta conta deixam de sair assinadas e a chave privada é apagada deste computador.
      </ConfirmModal>
    </Stack>
  );
}
