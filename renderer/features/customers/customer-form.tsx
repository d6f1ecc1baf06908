// Editar cliente: the same zod schema main validates with; nothing is saved until every field is valid.
import { zodResolver } from '@hookform/resolvers/zod';
import { Modal, SimpleGrid, Stack, Switch, TextInput } from '@mantine/core';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import type { z } from 'zod';
import { customerSchema, type Customer } from '../../../shared/domain';
import { call } from '../../api';
import { FormActions, SaveFailure } from '../../lib/form-actions';
import { applyServerErrors, toastSaved } from '../../lib/forms';
import { BouncedEmails } from './bounced-emails';

type FormValues = z.input<typeof customerSchema>;

const initialValues = (c: Customer): FormValues => ({
  ...c,
  document: c.document ?? '',
  email: c.email ?? '',
  phone: c.phone ?? '',
});

export function CustomerFormModal({ customer, onClose }: { customer: Customer | null; onClose: () => void }) {
  return (
    <Modal
      opened={customer !== null}
      onClose={onClose}
      title={customer ? `Editar cliente "${customer.name}"` : ''}
      size="lg"
    >
      {/* Keyed so each opening starts from the customer's current values. */}
      {customer && <CustomerForm key={customer.id} customer={customer} onDone={onClose} />}
    </Modal>
  );
}

function CustomerForm({ customer, onDone }: { customer: Customer; onDone: () => void }) {
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<FormValues, unknown, z.output<typeof customerSchema>>({
    resolver: zodResolver(customerSchema),
    defaultValues: initialValues(customer),
  });
  const { register, formState } = form;
  const err = (name: keyof FormValues) => formState.errors[name]?.message;

  const submit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      await call('customers.save', {
        ...values,
        document: values.document || null,
        email: values.email || null,
        phone: values.phone || null,
      });
      toastSaved(`Cliente ${values.name} salvo`);
      onDone();
    } catch (e) {
      setFormError(applyServerErrors(e, form.setError));
    }
  });

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack gap="sm">
        <SaveFailure message={formError} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label="Código"
            description="Vem do seu sistema; não muda"
            readOnly
            variant="filled"
            {...register('id')}
          />
          <TextInput label="Nome" withAsterisk error={err('name')} {...register('name')} />
          <TextInput
            label="CPF/CNPJ"
            placeholder="123.456.789-09"
            error={err('document')}
            {...register('document')}
          />
          <TextInput
            label="Telefone"
            placeholder="(11) 4000-1234"
            error={err('phone')}
            {...register('phone')}
          />
        </SimpleGrid>
        <TextInput
          label="E-mails"
          description="Um ou mais endereços, separados por ; ou ,"
          placeholder="maria@exemplo.com; financeiro@exemplo.com"
          error={err('email')}
          {...register('email')}
        />
        <BouncedEmails form={form} />
        <Controller
          control={form.control}
          name="active"
          render={({ field }) => (
            <Switch
              label="Cliente ativo"
              checked={field.value ?? true}
              onChange={(e) => field.onChange(e.currentTarget.checked)}
              onBlur={field.onBlur}
              ref={field.ref}
            />
          )}
        />
        <Controller
          control={form.control}
          name="emailOptOut"
          render={({ field }) => (
            <Switch
              label="Não recebe e-mails"
              description="O cliente pediu para não receber avisos por e-mail; nenhuma rotina envia para ele."
              checked={field.value ?? false}
              onChange={(e) => field.onChange(e.currentTarget.checked)}
              onBlur={field.onBlur}
              ref={field.ref}
            />
          )}
        />
        <FormActions saving={formState.isSubmitting} onCancel={onDone} mt="sm" />
      </Stack>
    </form>
  );
}
