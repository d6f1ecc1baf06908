// Step 1, Empresa: the company's name, documents and where it is (state and city choose the holidays).
import { zodResolver } from '@hookform/resolvers/zod';
import { Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import type { z } from 'zod';
import { companySchema, UF, type Company } from '../../../shared/domain';
import { call } from '../../api';
import { applyServerErrors, toastSaved } from '../../lib/forms';
import { blankToNull, StepButtons, StepError } from './step-frame';

type FormValues = z.input<typeof companySchema>;

const TIMEZONES = [
  { value: 'America/Sao_Paulo', label: 'Horário de Brasília (São Paulo, Rio, Sul, Nordeste…)' },
  { value: 'America/Manaus', label: 'Amazonas (Manaus)' },
  { value: 'America/Cuiaba', label: 'Mato Grosso (Cuiabá)' },
  { value: 'America/Campo_Grande', label: 'Mato Grosso do Sul (Campo Grande)' },
  { value: 'America/Porto_Velho', label: 'Rondônia (Porto Velho)' },
  { value: 'America/Boa_Vista', label: 'Roraima (Boa Vista)' },
  { value: 'America/Rio_Branco', label: 'Acre (Rio Branco)' },
  { value: 'America/Noronha', label: 'Fernando de Noronha' },
];

const EMPTY: FormValues = {
  name: '',
  document: null,
  email: null,
  phone: null,
  timezone: 'America/Sao_Paulo',
  state: null,
  city: null,
};

export function CompanyStep({ onDone }: { onDone: () => void }) {
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<FormValues, unknown, Company>({
    resolver: zodResolver(companySchema),
    defaultValues: EMPTY,
  });
  const { register, control, formState, reset } = form;
  const err = (name: keyof FormValues) => formState.errors[name]?.message;

  // Start from what is saved, when the company was already registered.
  useEffect(() => {
    call('company.get', {}).then(
      (company) => company && reset({ ...EMPTY, ...company }),
      () => undefined,
    );
  }, [reset]);

  const submit = form.handleSubmit(async (company) => {
    setFormError(null);
    try {
      await call('company.save', company);
      toastSaved('Empresa salva');
      onDone();
    } catch (e) {
      setFormError(applyServerErrors(e, form.setError));
    }
  });

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label="Empresa">
      <Stack gap="sm">
        <StepError message={formError} />
        <TextInput
          label="Nome da empresa"
          placeholder="ex.: Provedor Exemplo Ltda"
          withAsterisk
          data-autofocus
          error={err('name')}
          {...register('name')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label="CNPJ ou CPF"
            placeholder="12.345.678/0001-95"
            error={err('document')}
            {...register('document', { setValueAs: blankToNull })}
          />
          <TextInput
            label="Telefone"
            placeholder="(11) 4000-1234"
            error={err('phone')}
            {...register('phone', { setValueAs: blankToNull })}
          />
          <TextInput
            label="E-mail do financeiro"
            placeholder="financeiro@seuprovedor.com.br"
            error={err('email')}
            {...register('email', { setValueAs: blankToNull })}
          />
          <Controller
            control={control}
            name="timezone"
            render={({ field }) => (
              <Select
                label="Fuso horário"
                description="As rotinas executam no horário deste fuso"
                data={TIMEZONES}
                allowDeselect={false}
                value={field.value ?? 'America/Sao_Paulo'}
                onChange={(v) => field.onChange(v)}
                onBlur={field.onBlur}
                error={err('timezone')}
              />
            )}
          />
          <Controller
            control={control}
            name="state"
            render={({ field }) => (
              <Select
                label="Estado (UF)"
                description="Para os feriados estaduais"
                placeholder="Escolha a UF"
                data={[...UF]}
                searchable
                clearable
                value={field.value ?? null}
                onChange={(v) => field.onChange(v)}
                onBlur={field.onBlur}
                error={err('state')}
              />
            )}
          />
          <TextInput
            label="Cidade"
            description="Para os feriados municipais"
            placeholder="ex.: São Paulo"
            error={err('city')}
            {...register('city', { setValueAs: blankToNull })}
          />
        </SimpleGrid>
        <StepButtons submitting={formState.isSubmitting} />
      </Stack>
    </form>
  );
}
