// Adicionar / Editar cliente: the same zod schema main validates with (CPF/CNPJ check digits, phone,
// CEP, e-mails), so the errors land beside their fields before anything is saved.
import { zodResolver } from '@hookform/resolvers/zod';
import { Fieldset, Modal, Select, SimpleGrid, Stack, Switch, TextInput } from '@mantine/core';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import type { z } from 'zod';
import { customerSchema, UF, type Customer } from '../../../shared/domain';
import { call } from '../../api';
import { FormActions, SaveFailure } from '../../lib/form-actions';
import { applyServerErrors, toastSaved } from '../../lib/forms';
import { BouncedEmails } from './bounced-emails';

type FormValues = z.input<typeof customerSchema>;

/** null: closed; 'new': Adicionar; a customer: Editar. */
export type CustomerEditing = Customer | 'new' | null;

const EMPTY_ADDRESS = {
  street: '',
  number: '',
  complement: '',
  district: '',
  city: '',
  state: null,
  zip: '',
};

const initialValues = (c: Customer | null): FormValues => ({
  id: c?.id ?? '',
  name: c?.name ?? '',
  document: c?.document ?? '',
  email: c?.email ?? '',
  phone: c?.phone ?? '',
  address: { ...EMPTY_ADDRESS, ...c?.address },
  active: c?.active ?? true,
  emailOptOut: c?.emailOptOut ?? false,
});

const blankToNull = (v: string | null | undefined) => (v ? v : null);

/** What is saved: blanks as "not informed", no address when every part of it is blank. */
function toSave(values: z.output<typeof customerSchema>): Customer {
  const address = values.address
    ? Object.fromEntries(Object.entries(values.address).map(([k, v]) => [k, blankToNull(v)]))
    : null;
  const hasAddress = address && Object.values(address).some((v) => v);
  return {
    ...values,
    document: blankToNull(values.document),
    email: blankToNull(values.email),
    phone: blankToNull(values.phone),
    address: hasAddress ? (address as Customer['address']) : null,
  };
}

export function CustomerFormModal({ editing, onClose }: { editing: CustomerEditing; onClose: () => void }) {
  const customer = editing === 'new' ? null : editing;
  return (
    <Modal
      opened={editing !== null}
      onClose={onClose}
      title={customer ? `Editar cliente "${customer.name}"` : 'Adicionar cliente'}
      size="lg"
    >
      {/* Keyed so each opening starts from the customer's current values. */}
      {editing !== null && <CustomerForm key={customer?.id ?? 'new'} customer={customer} onDone={onClose} />}
    </Modal>
  );
}

function CustomerForm({ customer, onDone }: { customer: Customer | null; onDone: () => void }) {
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<FormValues, unknown, z.output<typeof customerSchema>>({
    resolver: zodResolver(customerSchema),
    defaultValues: initialValues(customer),
  });
  const { register, formState } = form;
  const err = (name: keyof FormValues) => formState.errors[name]?.message;
  const addressErr = (name: keyof typeof EMPTY_ADDRESS) => formState.errors.address?.[name]?.message;

  const submit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      await call('customers.save', { ...toSave(values), create: customer === null });
      toastSaved(`Cliente ${values.name} ${customer ? 'salvo' : 'adicionado'}`);
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
          {customer ? (
            <TextInput
              label="Código"
              description="Vem do seu sistema; não muda"
              readOnly
              variant="filled"
              {...register('id')}
            />
          ) : (
            <TextInput
              label="Código"
              description="O código do cliente no seu sistema (ERP)"
              withAsterisk
              data-autofocus
              error={err('id')}
              {...register('id')}
            />
          )}
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
        <Fieldset legend="Endereço" variant="unstyled">
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput label="Rua" error={addressErr('street')} {...register('address.street')} />
            <TextInput label="Número" error={addressErr('number')} {...register('address.number')} />
            <TextInput
              label="Complemento"
              error={addressErr('complement')}
              {...register('address.complement')}
            />
            <TextInput label="Bairro" error={addressErr('district')} {...register('address.district')} />
            <TextInput label="Cidade" error={addressErr('city')} {...register('address.city')} />
            <Controller
              control={form.control}
              name="address.state"
              render={({ field }) => (
                <Select
                  label="UF"
                  data={[...UF]}
                  searchable
                  clearable
                  value={field.value ?? null}
                  onChange={(v) => field.onChange(v)}
                  error={addressErr('state')}
                />
              )}
            />
            <TextInput
              label="CEP"
              placeholder="01310-100"
              error={addressErr('zip')}
              {...register('address.zip')}
            />
          </SimpleGrid>
        </Fieldset>
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
