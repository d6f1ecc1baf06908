// Adicionar / Editar rotina: one form over the same zod schema main validates with; the whole routine is
// saved in one call (nothing half-way), server field errors land beside their fields. The task's own
// fields ("Enviar Email": account and billing methods; "Importar arquivos": the folder…) change with it.
import { zodResolver } from '@hookform/resolvers/zod';
import {
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  Select,
  Grid,
  Stack,
  Switch,
  TextInput,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import { Controller, useForm, useWatch, type FieldErrors, type Resolver } from 'react-hook-form';
import type { RoutineOptions, RoutineView } from '../../../shared/contract/routines';
import { routineSchema, type Routine } from '../../../shared/domain';
import { call } from '../../api';
import { FormActions } from '../../lib/form-actions';
import { applyServerErrors, toastSaved } from '../../lib/forms';
import { routineId } from './describe';
import { ImportFields } from './import-fields';
import { forTask, initialValues, type RoutineInput } from './routine-values';
import { ScheduleFields, type ScheduleErrors } from './schedule-fields';

/** Tasks a routine can carry; the schema's `task` union grows with this list. */
const TASKS = [
  { value: 'send_email', label: 'Enviar Email' },
  { value: 'import_files', label: 'Importar arquivos' },
];

/** The schema of the task chosen, on the fields that task has (the form holds both tasks' fields). */
const resolver: Resolver<RoutineInput, unknown, Routine> = (values, context, options) =>
  zodResolver(routineSchema)(forTask(values) as never, context, options as never) as never;

/** The schedule union's errors, flattened for the fields that show them. */
function scheduleErrors(errors: FieldErrors<RoutineInput>): ScheduleErrors {
  const s = errors.schedule as Record<string, { message?: string } | undefined> | undefined;
  return {
    time: s?.time?.message,
    weekdays: s?.weekdays?.message,
    monthDays: s?.monthDays?.message,
    frequency: (s as { message?: string } | undefined)?.message,
  };
}

export function RoutineForm(props: {
  routine: RoutineView | null;
  takenIds: ReadonlySet<string>;
  options: RoutineOptions | undefined;
  /** The "Enviar Email" routines an import can run right before. */
  sendRoutines: { id: string; description: string }[];
  onClose: () => void;
}) {
  const { routine, options, onClose } = props;
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<RoutineInput, unknown, Routine>({
    resolver,
    defaultValues: initialValues(routine, options),
  });
  const { control, register, formState } = form;
  const errors = formState.errors;
  const catchUp = useWatch({ control, name: 'catchUp' });
  const task = useWatch({ control, name: 'task' });
  const firstAccount = options?.smtpAccounts[0]?.id;
  useEffect(() => {
    // The accounts may arrive after the form opened: preselect the first for a new routine.
    if (!routine && firstAccount && !form.getValues('smtpAccountId'))
      form.setValue('smtpAccountId', firstAccount);
  }, [routine, firstAccount, form]);

  const save = async (values: Routine) => {
    setProblem(null);
    try {
      await call('routines.save', values);
      toastSaved(`Rotina "${values.description}" salva`);
      onClose();
    } catch (e) {
      setProblem(applyServerErrors(e, form.setError));
    }
  };

  const submit = (event: React.FormEvent) => {
    // A new routine gets a readable id from its description; an existing one keeps its id.
    if (!routine) form.setValue('id', routineId(form.getValues('description'), props.takenIds));
    void form.handleSubmit(save, (invalid) => {
      // The id has no field of its own: say what is wrong with it here.
      if (invalid.id) setProblem(`Identificador: ${invalid.id.message}`);
    })(event);
  };

  const accounts = (options?.smtpAccounts ?? []).map((a) => ({ value: a.id, label: a.label }));
  const methods = (options?.billingMethods ?? []).map((m) => ({
    value: m.id,
    label: m.active ? m.name : `${m.name} (inativa)`,
  }));

  return (
    <Modal opened onClose={onClose} title={routine ? 'Editar rotina' : 'Nova rotina'} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput
            label="Descrição"
            placeholder="Ex.: Envio de faturas"
            data-autofocus
            {...register('description')}
            error={errors.description?.message}
          />
          <Grid>
            <Grid.Col span={4}>
              <Controller
                control={control}
                name="task"
                render={({ field }) => (
                  <Select
                    label="Tarefa"
                    data={TASKS}
                    allowDeselect={false}
                    // A routine keeps its task: its run history is of that task.
                    disabled={!!routine}
                    value={field.value}
                    onChange={(v) => {
                      if (!v) return;
                      field.onChange(v);
                      // Files should be imported on holidays too: the bank works the day after.
                      if (v === 'import_files' && !routine) form.setValue('runOnHolidays', true);
                    }}
                    error={errors.task?.message}
                  />
                )}
              />
            </Grid.Col>
            <Grid.Col span={8}>
              {task === 'send_email' && (
                <Controller
                  control={control}
                  name="smtpAccountId"
                  render={({ field }) => (
                    <Select
                      label="Conta de e-mail"
                      placeholder={accounts.length ? 'Escolha a conta' : 'Nenhuma conta cadastrada'}
                      description={
                        accounts.length ? undefined : 'Cadastre uma em Configurações > Contas de e-mail'
                      }
                      data={accounts}
                      allowDeselect={false}
                      value={field.value || null}
                      onChange={(v) => field.onChange(v ?? '')}
                      error={errors.smtpAccountId?.message}
                    />
                  )}
                />
              )}
            </Grid.Col>
          </Grid>
          {task === 'import_files' && (
            <ImportFields control={control} errors={errors} sendRoutines={props.sendRoutines} />
          )}
          {task === 'send_email' && (
            <Controller
              control={control}
              name="billingMethodIds"
              render={({ field }) => (
                <MultiSelect
                  label="Formas de cobrança"
                  description="Deixe vazio para enviar as faturas de todas as formas de cobrança"
                  placeholder={(field.value ?? []).length ? undefined : 'Todas'}
                  data={methods}
                  value={field.value ?? []}
                  onChange={field.onChange}
                  clearable
                  error={errors.billingMethodIds?.message}
                />
              )}
            />
          )}
          <Controller
            control={control}
            name="schedule"
            render={({ field }) => (
              <ScheduleFields value={field.value} onChange={field.onChange} errors={scheduleErrors(errors)} />
            )}
          />
          <Controller
            control={control}
            name="runOnHolidays"
            render={({ field }) => (
              <Switch
                label="Executar em feriados"
                description={
                  task === 'import_files'
                    ? 'Desligado: nos feriados a rotina não executa no horário (a verificação a cada minuto e a importação logo antes do envio continuam)'
                    : 'Desligado: nos feriados (nacionais, bancários, do estado, da cidade e os seus) a rotina não executa; os avisos saem na execução seguinte'
                }
                checked={!!field.value}
                onChange={(e) => field.onChange(e.currentTarget.checked)}
              />
            )}
          />
          {task === 'send_email' && (
            <Group align="flex-start" wrap="nowrap" gap="xl">
              <Controller
                control={control}
                name="catchUp"
                render={({ field }) => (
                  <Switch
                    label="Recuperar envios perdidos"
                    description="Se uma execução não aconteceu (computador desligado, feriado), a próxima envia os avisos dos dias que ficaram para trás"
                    checked={field.value ?? true}
                    onChange={(e) => field.onChange(e.currentTarget.checked)}
                    style={{ flex: 1 }}
                  />
                )}
              />
              <Controller
                control={control}
                name="catchUpDays"
                render={({ field }) => (
                  <NumberInput
                    label="Dias de recuperação"
                    min={1}
                    max={31}
                    w={170}
                    allowDecimal={false}
                    // Out-of-range values are refused beside the field, never silently changed.
                    clampBehavior="none"
                    disabled={catchUp === false}
                    value={field.value ?? 7}
                    onChange={(v) => field.onChange(typeof v === 'number' ? v : Number(v) || undefined)}
                    error={errors.catchUpDays?.message}
                  />
                )}
              />
            </Group>
          )}
          <Controller
            control={control}
            name="active"
            render={({ field }) => (
              <Switch
                label="Ativa"
                description="Desligada, a rotina não executa sozinha (Executar agora continua disponível)"
                checked={field.value ?? true}
                onChange={(e) => field.onChange(e.currentTarget.checked)}
              />
            )}
          />
          <FormActions failure={problem} saving={formState.isSubmitting} onCancel={onClose} />
        </Stack>
      </form>
    </Modal>
  );
}
