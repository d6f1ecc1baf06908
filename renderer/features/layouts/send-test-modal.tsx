// "Enviar teste": the unsaved draft, rendered with the preview's data and the invoice PDF attached,
// sent to one address through a real account. The server's reply is shown as it came.
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconCheck, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import type { z } from 'zod';
import { layoutSendTestSchema } from '../../../shared/contract/layouts';
import { ApiCallError, call } from '../../api';
import { applyServerErrors } from '../../lib/forms';
import { useApi } from '../../lib/use-api';
import type { PreviewDraft } from './use-layout-preview';
import type { MailCheck } from '../../../shared/contract/mail';
import { TechnicalDetails } from '../../lib/technical-details';

const formSchema = layoutSendTestSchema.pick({ to: true, smtpAccountId: true });
type FormInput = z.input<typeof formSchema>;
type FormOutput = z.output<typeof formSchema>;

/** Select values are strings: this one stands for "no account chosen", main's first account. */
const DEFAULT_ACCOUNT = '__conta-padrao__';

export function SendTestModal(props: { opened: boolean; onClose: () => void; draft: () => PreviewDraft }) {
  const accounts = useApi('smtp.list', {});
  const [result, setResult] = useState<MailCheck | null>(null);
  const form = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(formSchema),
    defaultValues: { to: '', smtpAccountId: null },
  });

  const options = [
    { value: DEFAULT_ACCOUNT, label: 'Conta padrão (a primeira cadastrada)' },
    ...(accounts.data ?? []).map((a) => ({
      value: a.id,
      label: a.name ? `${a.name} <${a.fromAddress}>` : a.fromAddress,
    })),
  ];

  const submit = form.handleSubmit(async (values) => {
    setResult(null);
    try {
      const outcome = await call('layouts.sendTest', { ...props.draft(), ...values });
      setResult(outcome);
    } catch (e) {
      // Errors of this form's fields land beside them; anything else (a broken layout…) is shown here.
      const own =
        e instanceof ApiCallError &&
        Object.keys(e.fieldErrors).some((k) => k === 'to' || k === 'smtpAccountId');
      const message = own ? applyServerErrors(e, form.setError) : (e as Error).message;
      if (message) setResult({ ok: false, message });
    }
  });

  const close = () => {
    setResult(null);
    props.onClose();
  };

  return (
    <Modal opened={props.opened} onClose={close} title="Enviar teste" size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm" c="dimmed">
            O e-mail sai como está no editor (mesmo sem salvar), com “[TESTE]” no assunto, os dados da prévia
            e o PDF da fatura anexado. Nada é registrado no histórico de envios.
          </Text>
          <TextInput
            label="Enviar para (e-mail)"
            placeholder="voce@provedor.com.br"
            type="email"
            data-autofocus
            error={form.formState.errors.to?.message}
            {...form.register('to')}
          />
          <Controller
            control={form.control}
            name="smtpAccountId"
            render={({ field, fieldState }) => (
              <Select
                label="Conta de e-mail"
                data={options}
                allowDeselect={false}
                value={field.value ?? DEFAULT_ACCOUNT}
                onChange={(v) => field.onChange(v === DEFAULT_ACCOUNT ? null : v)}
                onBlur={field.onBlur}
                error={fieldState.error?.message}
                description={
                  accounts.error
                    ? `Não foi possível listar as contas (${accounts.error}); o teste sai pela conta padrão.`
                    : undefined
                }
              />
            )}
          />
          {result && (
            <Alert
              color={result.ok ? 'green' : 'red'}
              icon={result.ok ? <IconCheck size={18} /> : <IconX size={18} />}
              title={result.ok ? 'Enviado' : 'Não foi enviado'}
              role="status"
            >
              {result.message}
              {!result.ok && <TechnicalDetails detail={result.detail} />}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Fechar
            </Button>
            <Button type="submit" loading={form.formState.isSubmitting}>
              Enviar teste
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
