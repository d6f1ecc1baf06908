// Step 2, Conta de e-mail: the modo de teste (nothing reaches customers) or the provider's SMTP server.
import { zodResolver } from '@hookform/resolvers/zod';
import {
  Alert,
  Button,
  Card,
  Divider,
  NumberInput,
  PasswordInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { IconFlask } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import type { z } from 'zod';
import { smtpAccountSchema, type SmtpAccount } from '../../../shared/domain';
import { call } from '../../api';
import { applyServerErrors, toastError, toastSaved } from '../../lib/forms';
import { useApi } from '../../lib/use-api';
import { blankToNull, StepButtons, StepError } from './step-frame';

type FormValues = z.input<typeof smtpAccountSchema>;

const SECURITY = [
  { value: 'starttls', label: 'STARTTLS (porta 587)' },
  { value: 'tls', label: 'TLS (porta 465)' },
  { value: 'none', label: 'Nenhuma' },
];

const EMPTY: FormValues = {
  id: 'principal',
  name: 'Principal',
  host: '',
  port: 587,
  security: 'starttls',
  user: null,
  password: null,
  fromName: '',
  fromAddress: '',
  replyTo: null,
  perMinuteLimit: null,
  allowSelfSigned: false,
};

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
  const [formError, setFormError] = useState<string | null>(null);
  const accounts = useApi('smtp.list', {});
  const form = useForm<FormValues, unknown, SmtpAccount>({
    resolver: zodResolver(smtpAccountSchema),
    defaultValues: EMPTY,
  });
  const { register, control, formState, getValues, setValue } = form;
  const err = (name: keyof FormValues) => formState.errors[name]?.message;

  // The sender is usually the company itself: start from the name and e-mail saved in step 1.
  useEffect(() => {
    call('company.get', {}).then(
      (company) => {
        if (!company) return;
        if (!getValues('fromName')) setValue('fromName', company.name);
        if (!getValues('fromAddress') && company.email) setValue('fromAddress', company.email);
      },
      () => undefined,
    );
  }, [getValues, setValue]);

  const submit = form.handleSubmit(async (account) => {
    setFormError(null);
    try {
      await call('smtp.save', account);
      toastSaved('Conta de e-mail salva');
      onDone();
    } catch (e) {
      setFormError(applyServerErrors(e, form.setError));
    }
  });

  const existing = accounts.data ?? [];
  return (
    <Stack gap="md">
      {existing.length > 0 && (
        <Alert color="teal" title="Conta de e-mail já cadastrada">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">
              {existing.map((a) => a.name || a.id).join(', ')}. Você pode seguir para a próxima etapa ou
              cadastrar outra conta abaixo.
            </Text>
            <Button size="xs" variant="light" onClick={onDone}>
              Continuar com a conta cadastrada
            </Button>
          </Stack>
        </Alert>
      )}
      <TestModeCard onDone={onDone} />
      <Divider label="ou informe o servidor SMTP do provedor" labelPosition="center" />
      <form onSubmit={(e) => void submit(e)} noValidate aria-label="Conta de e-mail">
        <Stack gap="sm">
          <StepError message={formError} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label="Servidor SMTP"
              placeholder="smtp.seuprovedor.com.br"
              withAsterisk
              error={err('host')}
              {...register('host')}
            />
            <SimpleGrid cols={2}>
              <Controller
                control={control}
                name="port"
                render={({ field }) => (
                  <NumberInput
                    label="Porta"
                    min={1}
                    max={65535}
                    allowDecimal={false}
                    value={field.value ?? ''}
                    onChange={(v) => field.onChange(typeof v === 'number' ? v : undefined)}
                    onBlur={field.onBlur}
                    error={err('port')}
                  />
                )}
              />
              <Controller
                control={control}
                name="security"
                render={({ field }) => (
                  <Select
                    label="Segurança"
                    data={SECURITY}
                    allowDeselect={false}
                    value={field.value ?? 'starttls'}
                    onChange={(v) => field.onChange(v)}
                    onBlur={field.onBlur}
                    error={err('security')}
                  />
                )}
              />
            </SimpleGrid>
            <TextInput
              label="Usuário"
              placeholder="em branco: sem login"
              autoComplete="off"
              error={err('user')}
              {...register('user', { setValueAs: blankToNull })}
            />
            <PasswordInput
              label="Senha"
              autoComplete="new-password"
              error={err('password')}
              {...register('password', { setValueAs: blankToNull })}
            />
            <TextInput
              label="Nome do remetente"
              placeholder="ex.: Provedor Exemplo"
              withAsterisk
              error={err('fromName')}
              {...register('fromName')}
            />
            <TextInput
              label="E-mail do remetente"
              placeholder="cobranca@seuprovedor.com.br"
              withAsterisk
              error={err('fromAddress')}
              {...register('fromAddress')}
            />
          </SimpleGrid>
          <StepButtons onBack={onBack} submitting={formState.isSubmitting} />
        </Stack>
      </form>
    </Stack>
  );
}
