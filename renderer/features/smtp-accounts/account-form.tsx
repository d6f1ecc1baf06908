// Adicionar / Editar conta de e-mail: the same zod schema main validates with; the stored password is
// never shown, a blank one keeps it. The form is also the guided setup's second step, shortened.
import { zodResolver } from '@hookform/resolvers/zod';
import {
  Alert,
  Button,
  Checkbox,
  Group,
  Modal,
  NumberInput,
  PasswordInput,
  Select,
  SimpleGrid,
  Stack,
  TextInput,
} from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { Controller, useForm } from 'react-hook-form';
import type { z } from 'zod';
import type { SmtpAccountView } from '../../../shared/contract/mail';
import { smtpAccountSchema } from '../../../shared/domain';
import { call } from '../../api';
import { applyServerErrors, toastSaved } from '../../lib/forms';
import { BounceMailboxFields } from './bounce-mailbox-fields';
import { SECURITY_OPTIONS } from './labels';

type FormValues = z.input<typeof smtpAccountSchema>;

const blankToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v);

function initialValues(account: SmtpAccountView | null, defaults?: Partial<FormValues>): FormValues {
  if (!account)
    return {
      id: '',
      name: '',
      host: '',
      port: 587,
      security: 'starttls',
      user: '',
      password: '',
      fromName: '',
      fromAddress: '',
      replyTo: null,
      perMinuteLimit: null,
      allowSelfSigned: false,
      bounceMailbox: null,
      ...defaults,
    };
  // What only the screens see (DKIM record, last reading) stays out of the form; the DKIM key is
  // changed in "Domínio e DKIM", never by saving this form.
  const { hasPassword: _p, dkim: _d, bounceStatus: _s, bounceMailbox, ...rest } = account;
  return {
    ...rest,
    name: rest.name ?? '',
    user: rest.user ?? '',
    password: '',
    bounceMailbox: bounceMailbox
      ? {
          host: bounceMailbox.host,
          port: bounceMailbox.port,
          security: bounceMailbox.security,
          user: bounceMailbox.user,
          password: '',
          folder: bounceMailbox.folder,
        }
      : null,
  };
}

export function AccountFormModal({
  account,
  opened,
  onClose,
}: {
  /** null: a new account. */
  account: SmtpAccountView | null;
  opened: boolean;
  onClose: () => void;
}) {
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={account ? `Editar conta de e-mail "${account.name || account.id}"` : 'Adicionar conta de e-mail'}
      size="lg"
    >
      {/* Keyed so each opening starts from the account's current values. */}
      <AccountForm
        key={account?.id ?? 'nova'}
        account={account}
        onSaved={onClose}
        actions={(submitting) => (
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              Cancelar
            </Button>
            <Button type="submit" loading={submitting}>
              Salvar
            </Button>
          </Group>
        )}
      />
    </Modal>
  );
}

export function AccountForm({
  account,
  defaults,
  compact,
  onSaved,
  actions,
}: {
  /** null: a new account. */
  account: SmtpAccountView | null;
  /** Starting values of a new account. */
  defaults?: Partial<FormValues>;
  /** Only the server, the login and the sender; the rest keeps its defaults. */
  compact?: boolean;
  onSaved: () => void;
  /** The buttons under the fields, given whether the form is being saved. */
  actions: (submitting: boolean) => ReactNode;
}) {
  const editing = account !== null;
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<FormValues, unknown, z.output<typeof smtpAccountSchema>>({
    resolver: zodResolver(smtpAccountSchema),
    defaultValues: initialValues(account, defaults),
  });
  const { register, control, formState } = form;
  const err = (name: keyof FormValues) => formState.errors[name]?.message;

  const submit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      await call('smtp.save', {
        ...values,
        name: values.name || null,
        user: values.user || null,
        password: values.password || null,
        bounceMailbox: values.bounceMailbox
          ? { ...values.bounceMailbox, password: values.bounceMailbox.password || null }
          : null,
      });
      toastSaved('Conta de e-mail salva');
      onSaved();
    } catch (e) {
      setFormError(applyServerErrors(e, form.setError));
    }
  });

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label="Conta de e-mail">
      <Stack gap="sm">
        {formError && (
          <Alert color="red" title="Não foi possível salvar">
            {formError}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {!compact && (
            <>
              <TextInput
                label="Identificador"
                placeholder="ex.: principal"
                withAsterisk
                readOnly={editing}
                error={err('id')}
                {...register('id')}
              />
              <TextInput
                label="Nome"
                placeholder="ex.: Gmail da cobrança"
                error={err('name')}
                {...register('name')}
              />
            </>
          )}
          <TextInput
            label="Servidor SMTP"
            placeholder="smtp.seuprovedor.com.br"
            withAsterisk
            error={err('host')}
            {...register('host')}
          />
          <Group grow align="flex-start">
            <Controller
              control={control}
              name="port"
              render={({ field }) => (
                <NumberInput
                  label="Porta"
                  withAsterisk
                  min={1}
                  max={65535}
                  allowDecimal={false}
                  // Out-of-range values are refused beside the field, never silently changed.
                  clampBehavior="none"
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
                  data={SECURITY_OPTIONS}
                  allowDeselect={false}
                  value={field.value ?? 'starttls'}
                  onChange={(v) => field.onChange(v)}
                  onBlur={field.onBlur}
                  error={err('security')}
                />
              )}
            />
          </Group>
          <TextInput
            label="Usuário"
            placeholder="em branco: sem login"
            autoComplete="off"
            error={err('user')}
            {...register('user')}
          />
          <PasswordInput
            label="Senha"
            placeholder={editing ? 'deixe em branco para manter' : undefined}
            autoComplete="new-password"
            error={err('password')}
            {...register('password')}
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
          {!compact && (
            <>
              <TextInput
                label="Responder para"
                placeholder="opcional: para onde vão as respostas"
                error={err('replyTo')}
                {...register('replyTo', { setValueAs: blankToNull })}
              />
              <Controller
                control={control}
                name="perMinuteLimit"
                render={({ field }) => (
                  <NumberInput
                    label="Limite por minuto"
                    placeholder="sem limite"
                    min={1}
                    allowDecimal={false}
                    // Out-of-range values are refused beside the field, never silently changed.
                    clampBehavior="none"
                    value={field.value ?? ''}
                    onChange={(v) => field.onChange(typeof v === 'number' ? v : null)}
                    onBlur={field.onBlur}
                    error={err('perMinuteLimit')}
                  />
                )}
              />
            </>
          )}
        </SimpleGrid>
        {!compact && (
          <Checkbox
            label="Aceitar certificado autoassinado"
            description="Só para servidores internos cujo certificado não é emitido por uma autoridade reconhecida"
            {...register('allowSelfSigned')}
          />
        )}
        {!compact && (
          <BounceMailboxFields
            form={form}
            accountId={account?.id ?? null}
            hasStoredPassword={!!account?.bounceMailbox?.hasPassword}
          />
        )}
        {actions(formState.isSubmitting)}
      </Stack>
    </form>
  );
}
