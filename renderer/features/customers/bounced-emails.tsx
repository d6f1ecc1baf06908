// The customer's addresses a notice came back from for good: no notice goes to them until the e-mail
// is corrected. "Tentar de novo" lifts a mark (when the customer says the mailbox exists again).
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useWatch, type UseFormReturn } from 'react-hook-form';
import type { z } from 'zod';
import type { customerSchema } from '../../../shared/domain';
import { formatDateTimeBR } from '../../lib/format';

type FormValues = z.input<typeof customerSchema>;

export function BouncedEmails({
  form,
}: {
  form: UseFormReturn<FormValues, unknown, z.output<typeof customerSchema>>;
}) {
  const marks = useWatch({ control: form.control, name: 'bouncedEmails' }) ?? [];
  if (marks.length === 0) return null;
  return (
    <Alert color="grape" title="E-mail devolvido">
      <Stack gap={6}>
        {marks.map((m) => (
          <Group key={m.address} justify="space-between" wrap="nowrap" gap="xs">
            <Text size="sm">
              {m.reason} (em {formatDateTimeBR(m.at)}). Nenhum aviso vai para este endereço até ele ser
              corrigido.
            </Text>
            <Button
              size="compact-xs"
              variant="white"
              color="grape"
              onClick={() =>
                form.setValue(
                  'bouncedEmails',
                  marks.filter((x) => x.address !== m.address),
                  { shouldDirty: true },
                )
              }
            >
              Tentar de novo
            </Button>
          </Group>
        ))}
        <Text size="xs" c="dimmed">
          Corrija o endereço acima (ou use Tentar de novo se o cliente garantir que a caixa voltou a existir)
          e salve.
        </Text>
      </Stack>
    </Alert>
  );
}
