// "Caixa para retornos" in the account form: the IMAP mailbox where the e-mails that could not be
// delivered come back, read by the program to mark the notices as devolvidos. Optional; "Testar
// conexão" tries the fields as they are now (a blank password uses the one already saved).
import {
  Alert,
  Button,
  Checkbox,
  Group,
  NumberInput,
  PasswordInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { IconPlugConnected } from '@tabler/icons-react';
import { useState } from 'react';
import { Controller, useWatch, type UseFormReturn } from 'react-hook-form';
import type { z } from 'zod';
import type { MailCheck, smtpSaveSchema } from '../../../shared/contract/mail';
import { bounceMailboxSchema } from '../../../shared/domain';
import { call } from '../../api';
import { TechnicalDetails } from '../../lib/technical-details';
import { SECURITY_OPTIONS } from './labels';

type FormValues = z.input<typeof smtpSaveSchema>;

const blankMailbox = (user: string): NonNullable<FormValues['bounceMailbox']> => ({
  host: '',
  port: 993,
  security: 'tls',
  user,
  password: '',
  folder: 'INBOX',
});

export function BounceMailboxFields({
  form,
  accountId,
  hasStoredPassword,
}: {
  form: UseFormReturn<FormValues, unknown, z.output<typeof smtpSaveSchema>>;
  /** The saved account being edited (its stored password is used when the field is blank). */
  accountId: string | null;
  hasStoredPassword: boolean;
}) {
  const { control, register, setValue, getValues, formState } = form;
  const mailbox = useWatch({ control, name: 'bounceMailbox' });
  const [testing, setTesting] = useState(false);
  const [result, setResult] = useState<MailCheck | null>(null);
  const err = (name: keyof NonNullable<FormValues['bounceMailbox']>) =>
    formState.errors.bounceMailbox?.[name]?.message;

  async function test() {
    setResult(null);
    const parsed = bounceMailboxSchema.safeParse(getValues('bounceMailbox'));
    if (!parsed.success) {
      await form.trigger('bounceMailbox');
      return;
    }
    setTesting(true);
    try {
      setResult(
        await call('smtp.bounces.test', {
          id: accountId,
          mailbox: parsed.data,
          allowSelfSigned: getValues('allowSelfSigned') ?? false,
        }),
      );
    } catch (e) {
      setResult({ ok: false, message: (e as Error).message });
    } finally {
      setTesting(false);
    }
  }

  return (
    <Stack gap="xs" mt="xs">
      <Checkbox
        label="Ler os e-mails devolvidos de uma caixa para retornos (IMAP)"
        description="Quando um e-mail não chega (endereço inexistente, caixa cheia), o servidor devolve uma mensagem para o remetente. O Régua lê essa caixa a cada 10 minutos e depois de cada execução, marca o aviso como devolvido no Histórico e deixa de enviar para um endereço que não existe."
        checked={!!mailbox}
        onChange={(e) => {
          setResult(null);
          setValue(
            'bounceMailbox',
            e.currentTarget.checked
              ? blankMailbox(getValues('user') || getValues('fromAddress') || '')
              : null,
            {
              shouldDirty: true,
            },
          );
        }}
      />
      {mailbox && (
        <fieldset style={{ border: 0, padding: 0, margin: 0 }} aria-label="Caixa para retornos">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label="Servidor IMAP"
              placeholder="imap.seuprovedor.com.br"
              withAsterisk
              error={err('host')}
              {...register('bounceMailbox.host')}
            />
            <Group grow align="flex-start">
              <Controller
                control={control}
                name="bounceMailbox.port"
                render={({ field }) => (
                  <NumberInput
                    label="Porta IMAP"
                    withAsterisk
                    min={1}
                    max={65535}
                    allowDecimal={false}
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
                name="bounceMailbox.security"
                render={({ field }) => (
                  <Select
                    label="Segurança IMAP"
                    data={SECURITY_OPTIONS}
                    allowDeselect={false}
                    value={field.value ?? 'tls'}
                    onChange={(v) => field.onChange(v)}
                    onBlur={field.onBlur}
                    error={err('security')}
                  />
                )}
              />
            </Group>
            <TextInput
              label="Usuário IMAP"
              withAsterisk
              autoComplete="off"
              error={err('user')}
              {...register('bounceMailbox.user')}
            />
            <PasswordInput
              label="Senha IMAP"
              placeholder={hasStoredPassword ? 'deixe em branco para manter' : undefined}
              autoComplete="new-password"
              error={err('password')}
              {...register('bounceMailbox.password')}
            />
            <TextInput
              label="Pasta"
              description="Onde chegam os retornos; quase sempre INBOX"
              error={err('folder')}
              {...register('bounceMailbox.folder')}
            />
          </SimpleGrid>
          <Group mt="xs" gap="xs" align="center">
            <Button
              variant="light"
              size="xs"
              leftSection={<IconPlugConnected size={14} />}
              loading={testing}
              onClick={() => void test()}
            >
              Testar conexão IMAP
            </Button>
            <Text size="xs" c="dimmed">
              Os retornos lidos vão para a pasta “Retornos lidos pelo Régua”; as outras mensagens da caixa não
              são tocadas.
            </Text>
          </Group>
          {result && (
            <Alert
              mt="xs"
              color={result.ok ? 'green' : 'red'}
              title={result.ok ? 'Caixa para retornos funcionando' : 'Falha na caixa para retornos'}
            >
              <Text size="sm" data-clerk-message>
                {result.message}
              </Text>
              {!result.ok && <TechnicalDetails detail={result.detail} />}
            </Alert>
          )}
        </fieldset>
      )}
    </Stack>
  );
}
