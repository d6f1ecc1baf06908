// Empresa: the company's name and contacts, its time zone (when "today" starts) and the state and city
// whose holidays the routines respect. The form is also the guided setup's first step.
import { zodResolver } from '@hookform/resolvers/zod';
import {
  Alert,
  Button,
  Card,
  Group,
  Loader,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconBuilding } from '@tabler/icons-react';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Controller, useForm } from 'react-hook-form';
import type { z } from 'zod';
import { companySchema, DEFAULT_TIMEZONE, UF, type Company } from '../../../shared/domain';
import { call } from '../../api';
import { applyServerErrors, toastSaved } from '../../lib/forms';
import { useApi } from '../../lib/use-api';
import { LogoField } from './logo-field';
import { STATE_NAMES, TIME_ZONES } from './places';

type FormValues = z.input<typeof companySchema>;

const STATE_OPTIONS = UF.map((uf) => ({ value: uf, label: `${uf} — ${STATE_NAMES[uf]}` }));
const blankToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v);

const toForm = (c: Company | null): FormValues => ({
  name: c?.name ?? '',
  document: c?.document ?? '',
  email: c?.email ?? null,
  phone: c?.phone ?? '',
  timezone: c?.timezone ?? DEFAULT_TIMEZONE,
  state: c?.state ?? null,
  city: c?.city ?? '',
  logo: c?.logo ?? null,
  // Not edited here (a regua/v1 document sets it), but carried so that saving does not erase it.
  pdfFolder: c?.pdfFolder ?? null,
});

export function CompanyForm({
  company,
  actions,
  onSaved,
}: {
  /** What is saved (null: nothing yet). */
  company: Company | null;
  /** The buttons under the fields, given whether the form is being saved. */
  actions: (submitting: boolean) => ReactNode;
  onSaved?: () => void;
}) {
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<FormValues, unknown, Company>({
    resolver: zodResolver(companySchema),
    defaultValues: toForm(company),
  });
  const { register, control, formState, reset } = form;
  const err = (name: keyof FormValues) => formState.errors[name]?.message;
  // A reload (any store change) must not wipe what is being typed: only an untouched form follows it.
  const dirty = useRef(false);
  dirty.current = formState.isDirty;
  useEffect(() => {
    if (!dirty.current) reset(toForm(company));
  }, [company, reset]);

  const submit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      const { logo, pdfFolder, ...fields } = values;
      const saved = await call('company.save', {
        ...fields,
        document: values.document || null,
        phone: values.phone || null,
        city: values.city || null,
        ...(logo ? { logo } : {}),
        ...(pdfFolder ? { pdfFolder } : {}),
      });
      reset(toForm(saved));
      toastSaved('Dados da empresa salvos');
      onSaved?.();
    } catch (e) {
      setFormError(applyServerErrors(e, form.setError));
    }
  });

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label="Empresa">
      <Stack>
        {formError && (
          <Alert color="red" title="Não foi possível salvar">
            {formError}
          </Alert>
        )}
        <TextInput
          label="Nome da empresa"
          description="Aparece nos e-mails como o nome da empresa"
          withAsterisk
          error={err('name')}
          {...register('name')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label="CNPJ"
            placeholder="00.000.000/0000-00"
            error={err('document')}
            {...register('document')}
          />
          <TextInput
            label="E-mail do financeiro"
            placeholder="financeiro@seuprovedor.com.br"
            error={err('email')}
            {...register('email', { setValueAs: blankToNull })}
          />
          <TextInput
            label="Telefone"
            placeholder="(11) 4000-1234"
            error={err('phone')}
            {...register('phone')}
          />
          <Controller
            control={control}
            name="timezone"
            render={({ field }) => (
              <Select
                label="Fuso horário"
                description="Define quando começa o dia das rotinas"
                data={TIME_ZONES}
                allowDeselect={false}
                searchable
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
                label="Estado"
                description="Feriados estaduais"
                placeholder="Escolha a UF"
                data={STATE_OPTIONS}
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
            description="Usada para os feriados municipais (ex.: aniversário da cidade). Escreva o nome como está no mapa."
            placeholder="ex.: São Paulo"
            error={err('city')}
            {...register('city')}
          />
        </SimpleGrid>
        <Controller
          control={control}
          name="logo"
          render={({ field }) => (
            <LogoField value={field.value} onChange={(v) => field.onChange(v)} error={err('logo')} />
          )}
        />
        {actions(formState.isSubmitting)}
      </Stack>
    </form>
  );
}

export default function CompanyPage() {
  const company = useApi('company.get', {});
  return (
    <Stack gap="lg">
      <div>
        <Title order={2}>Empresa</Title>
        <Text c="dimmed" size="sm">
          Os dados do provedor que envia as faturas.
        </Text>
      </div>
      {company.error && (
        <Alert color="red" title="Não foi possível carregar a empresa">
          {company.error}
        </Alert>
      )}
      {company.data === null && (
        <Alert color="blue" icon={<IconBuilding size={18} />} title="Comece pelos dados da empresa" maw={860}>
          Preencha o nome (ele aparece nos e-mails), o estado e a cidade (definem os feriados em que as
          rotinas não enviam) e clique em Salvar.
        </Alert>
      )}
      {company.data === undefined && !company.error ? (
        <Loader aria-label="Carregando" />
      ) : (
        company.data !== undefined && (
          <Card withBorder padding="lg" maw={860}>
            <CompanyForm
              company={company.data}
              actions={(submitting) => (
                <Group justify="space-between">
                  <Text size="sm" c="dimmed">
                    Veja o calendário resultante em <a href="#/feriados">Feriados</a>.
                  </Text>
                  <Button type="submit" loading={submitting}>
                    Salvar
                  </Button>
                </Group>
              )}
            />
          </Card>
        )
      )}
    </Stack>
  );
}
