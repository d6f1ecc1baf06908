// Step 4, Primeira rotina: the daily "Enviar Email" task, at what time, and whether it runs on holidays.
import { zodResolver } from '@hookform/resolvers/zod';
import { Checkbox, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { TimeInput } from '@mantine/dates';
import { useEffect, useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import type { z } from 'zod';
import { TEST_MODE_ACCOUNT_ID } from '../../../shared/contract/mail';
import { sendEmailRoutineSchema, type SendEmailRoutine } from '../../../shared/domain';
import { call } from '../../api';
import { applyServerErrors, toastSaved } from '../../lib/forms';
import { useApi } from '../../lib/use-api';
import { StepButtons, StepError } from './step-frame';

type FormValues = z.input<typeof sendEmailRoutineSchema>;

/** Chrome drops ":00" seconds from a time input; the schema wants HH:MM:SS. */
const withSeconds = (value: string) => (/^\d{2}:\d{2}$/.test(value) ? `${value}:00` : value);

export function RoutineStep({ onDone, onBack }: { onDone: () => void; onBack: () => void }) {
  const [formError, setFormError] = useState<string | null>(null);
  const accounts = useApi('smtp.list', {});
  const form = useForm<FormValues, unknown, SendEmailRoutine>({
    resolver: zodResolver(sendEmailRoutineSchema),
    defaultValues: {
      id: 'envio-diario',
      description: 'Envio diário de faturas',
      task: 'send_email',
      active: true,
      schedule: { frequency: 'daily', time: '08:10:00' },
      runOnHolidays: false,
      catchUp: true,
      catchUpDays: 7,
      smtpAccountId: '',
      billingMethodIds: [],
    },
  });
  const { register, control, formState, setValue, getValues } = form;

  // The account chosen in the previous step: the test mode when it is on, else the first one.
  useEffect(() => {
    const list = accounts.data ?? [];
    if (getValues('smtpAccountId') || list.length === 0) return;
    const preferred = list.find((a) => a.id === TEST_MODE_ACCOUNT_ID) ?? list[0]!;
    setValue('smtpAccountId', preferred.id);
  }, [accounts.data, getValues, setValue]);

  const submit = form.handleSubmit(async (routine) => {
    setFormError(null);
    try {
      await call('routines.save', routine);
      toastSaved('Rotina salva');
      onDone();
    } catch (e) {
      setFormError(applyServerErrors(e, form.setError));
    }
  });

  const errors = formState.errors;
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label="Primeira rotina">
      <Stack gap="sm">
        <StepError message={formError} />
        <Text size="sm" c="dimmed">
          A rotina executa a tarefa Enviar Email todos os dias no horário escolhido. Se o computador estiver
          desligado nesse horário, os avisos saem quando ele voltar. Dias da semana ou do mês: em Rotinas.
        </Text>
        <TextInput
          label="Descrição"
          withAsterisk
          error={errors.description?.message}
          {...register('description')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Controller
            control={control}
            name="schedule.time"
            render={({ field }) => (
              <TimeInput
                label="Horário"
                description="Todos os dias, neste horário (HH:MM:SS)"
                withSeconds
                value={field.value}
                onChange={(e) => field.onChange(withSeconds(e.currentTarget.value))}
                onBlur={field.onBlur}
                error={errors.schedule?.time?.message}
              />
            )}
          />
          <Controller
            control={control}
            name="smtpAccountId"
            render={({ field }) => (
              <Select
                label="Conta de e-mail"
                placeholder={accounts.data?.length === 0 ? 'Cadastre a conta na etapa anterior' : undefined}
                data={(accounts.data ?? []).map((a) => ({ value: a.id, label: a.name || a.id }))}
                allowDeselect={false}
                value={field.value || null}
                onChange={(v) => field.onChange(v ?? '')}
                onBlur={field.onBlur}
                error={errors.smtpAccountId?.message}
              />
            )}
          />
        </SimpleGrid>
        <Checkbox
          label="Executar em feriados"
          description="Desmarcado: nos feriados (nacionais, bancários, do estado e da cidade) a rotina não executa e os avisos saem no dia seguinte"
          {...register('runOnHolidays')}
        />
        <StepButtons onBack={onBack} submitting={formState.isSubmitting} submitLabel="Salvar e concluir" />
      </Stack>
    </form>
  );
}
