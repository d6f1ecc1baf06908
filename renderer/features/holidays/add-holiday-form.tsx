// Adds one of the company's own holidays (a day off the libraries cannot know about).
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Card, Checkbox, Group, Stack, Text, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { z } from 'zod';
import { holidaySchema, isoDate, type Holiday } from '../../../shared/domain';
import { call } from '../../api';
import { applyServerErrors, toastSaved } from '../../lib/forms';

// main's schema; only an empty date gets a message that fits a dd/mm/aaaa field.
const formSchema = holidaySchema.extend({ date: z.string().min(1, 'informe a data').pipe(isoDate) });
type FormValues = z.input<typeof formSchema>;

/** dd/mm/aaaa (or d/m/aaaa) typed by hand → YYYY-MM-DD, null when it is not a date. */
function parseDateBR(value: string): string | null {
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(value);
  if (!m) return null;
  const iso = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  return isoDate.safeParse(iso).success ? iso : null;
}

export function AddHolidayForm({ onAdded }: { onAdded: (holiday: Holiday) => void }) {
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<FormValues, unknown, Holiday>({
    resolver: zodResolver(formSchema),
    defaultValues: { date: '', name: '', yearly: false },
  });
  const { control, register, formState } = form;

  const submit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      await call('holidays.add', values);
      toastSaved(`Feriado "${values.name}" adicionado`);
      form.reset({ date: '', name: '', yearly: false });
      onAdded(values);
    } catch (e) {
      setFormError(applyServerErrors(e, form.setError));
    }
  });

  return (
    <Card withBorder padding="lg" component="section" aria-label="Adicionar feriado próprio" maw={900}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="sm">
          <div>
            <Text fw={600}>Adicionar feriado próprio</Text>
            <Text size="sm" c="dimmed">
              Um dia em que o provedor não trabalha e que não está na lista (ex.: aniversário da cidade que
              não aparece, ponto facultativo). Rotinas sem “Executar em feriados” não enviam nesse dia.
            </Text>
          </div>
          {formError && (
            <Alert color="red" title="Não foi possível adicionar">
              {formError}
            </Alert>
          )}
          <Group align="flex-start">
            <Controller
              control={control}
              name="date"
              render={({ field }) => (
                <DateInput
                  label="Data"
                  placeholder="dd/mm/aaaa"
                  valueFormat="DD/MM/YYYY"
                  dateParser={parseDateBR}
                  withAsterisk
                  clearable
                  value={field.value || null}
                  onChange={(v) => field.onChange(v ?? '')}
                  onBlur={field.onBlur}
                  error={formState.errors.date?.message}
                  w={200}
                />
              )}
            />
            <TextInput
              label="Nome"
              placeholder="ex.: Dia do Provedor"
              withAsterisk
              error={formState.errors.name?.message}
              style={{ flex: 1, minWidth: 220 }}
              {...register('name')}
            />
          </Group>
          <Group justify="space-between">
            <Checkbox label="Repete todo ano" {...register('yearly')} />
            <Button type="submit" leftSection={<IconPlus size={16} />} loading={formState.isSubmitting}>
              Adicionar feriado
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
