// "Enviar e-mail de teste": a short message through one account, to see it arrive.
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Group, TextInput } from '@mantine/core';
import { IconSend } from '@tabler/icons-react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { emailAddress } from '../../../shared/domain';
import { call } from '../../api';
import type { MailCheck } from '../../../shared/contract/mail';
import { applyServerErrors } from '../../lib/forms';
import { TechnicalDetails } from '../../lib/technical-details';

const schema = z.strictObject({ to: emailAddress });

export function SendTestForm({
  smtpAccountId,
  defaultTo = '',
}: {
  smtpAccountId: string;
  defaultTo?: string;
}) {
  const [result, setResult] = useState<MailCheck | null>(null);
  const form = useForm<z.infer<typeof schema>>({
    resolver: zodResolver(schema),
    defaultValues: { to: defaultTo },
  });
  const submit = form.handleSubmit(async ({ to }) => {
    setResult(null);
    try {
      setResult(await call('mail.sendTest', { smtpAccountId, to }));
    } catch (e) {
      const message = applyServerErrors(e, form.setError);
      if (message) setResult({ ok: false, message });
    }
  });
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Group align="flex-start" gap="xs">
        <TextInput
          label="Enviar e-mail de teste para"
          placeholder="voce@exemplo.com.br"
          error={form.formState.errors.to?.message}
          style={{ flex: 1, minWidth: 220 }}
          {...form.register('to')}
        />
        <Button
          type="submit"
          mt={25}
          variant="light"
          leftSection={<IconSend size={16} />}
          loading={form.formState.isSubmitting}
        >
          Enviar teste
        </Button>
      </Group>
      {result && (
        <Alert mt="sm" color={result.ok ? 'green' : 'red'} title={result.ok ? 'Enviado' : 'Falha no envio'}>
          {result.message}
          {!result.ok && <TechnicalDetails detail={result.detail} />}
        </Alert>
      )}
    </form>
  );
}
