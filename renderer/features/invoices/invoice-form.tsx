// Adicionar / Editar fatura: the invoice schema main validates with (dates, amount, the linha
// digitável and the PIX code checked against the invoice's amount and due date), errors beside
// their fields; the customer and the billing method are chosen from what is registered.
import { zodResolver } from '@hookform/resolvers/zod';
import { Modal, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import type { z } from 'zod';
import { INVOICE_STATUS_LABELS, type InvoiceView } from '../../../shared/contract/records';
import { INVOICE_STATUSES, invoiceSchema, type Invoice } from '../../../shared/domain';
import { ApiCallError, call } from '../../api';
import { FormActions, SaveFailure } from '../../lib/form-actions';
import { parseDateBR } from '../../lib/format';
import { applyServerErrors, toastSaved } from '../../lib/forms';
import { useApi } from '../../lib/use-api';
import { CustomerPicker } from './customer-picker';
import { MoneyInput } from './money-input';

type FormValues = z.input<typeof invoiceSchema>;
export type InvoiceEditing = InvoiceView | 'new' | null;

const STATUS_OPTIONS = INVOICE_STATUSES.map((s) => ({ value: s, label: INVOICE_STATUS_LABELS[s] }));

function initialValues(
  invoice: InvoiceView | null,
  defaults: { today: string; methodId: string },
): FormValues {
  if (invoice) {
    const { customerName: _c, billingMethodName: _b, ...stored } = invoice;
    return {
      ...stored,
      digitableLine: stored.digitableLine ?? '',
      pixCode: stored.pixCode ?? '',
      nossoNumero: stored.nossoNumero ?? '',
      pdfPath: stored.pdfPath ?? '',
    };
  }
  return {
    id: '',
    customerId: '',
    billingMethodId: defaults.methodId,
    number: '',
    issueDate: defaults.today,
    dueDate: '',
    amountCents: undefined as unknown as number,
    status: 'open',
    digitableLine: '',
    pixCode: '',
    nossoNumero: '',
    pdfPath: '',
  };
}

const blankToNull = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);

export function InvoiceFormModal({ editing, onClose }: { editing: InvoiceEditing; onClose: () => void }) {
  const invoice = editing === 'new' ? null : editing;
  const methods = useApi('billingMethods.list', {}, { live: false });
  const info = useApi('app.info', {}, { live: false });
  const ready = methods.data && info.data;
  return (
    <Modal
      opened={editing !== null}
      onClose={onClose}
      title={invoice ? `Editar fatura ${invoice.number}` : 'Adicionar fatura'}
      size="lg"
    >
      {editing !== null && ready && (
        <InvoiceForm
          key={invoice?.id ?? 'new'}
          invoice={invoice}
          methods={methods.data!.map((m) => ({ value: m.id, label: m.name }))}
          today={info.data!.today}
          onDone={onClose}
        />
      )}
    </Modal>
  );
}

function InvoiceForm(props: {
  invoice: InvoiceView | null;
  methods: { value: string; label: string }[];
  today: string;
  onDone: () => void;
}) {
  const { invoice, onDone } = props;
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<FormValues, unknown, Invoice>({
    // A new invoice's identifier is its number (what the ERP would call it).
    resolver: async (values, ctx, opts) => {
      const result = await zodResolver(invoiceSchema)(
        invoice ? values : { ...values, id: values.number },
        ctx,
        opts,
      );
      // The schema speaks of cents for imports; here the field is the amount in reais.
      if (result.errors.amountCents && values.amountCents === undefined)
        result.errors.amountCents.message = 'informe o valor da fatura';
      return result;
    },
    defaultValues: initialValues(invoice, { today: props.today, methodId: props.methods[0]?.value ?? '' }),
  });
  const { register, control, formState } = form;
  const errors = formState.errors;

  const submit = form.handleSubmit(async (values) => {
    setFormError(null);
    const saved: Invoice = {
      ...values,
      digitableLine: blankToNull(values.digitableLine),
      pixCode: blankToNull(values.pixCode),
      nossoNumero: blankToNull(values.nossoNumero),
      pdfPath: blankToNull(values.pdfPath),
    };
    try {
      await call('invoices.save', { invoice: saved, create: invoice === null });
      toastSaved(`Fatura ${values.number} ${invoice ? 'salva' : 'adicionada'}`);
      onDone();
    } catch (e) {
      // The identifier is the number for a new invoice: its error goes beside the number.
      const idError = e instanceof ApiCallError ? e.fieldErrors['invoice.id'] : undefined;
      if (idError) form.setError('number', { type: 'server', message: idError });
      setFormError(idError ? null : applyServerErrors(e, form.setError, 'invoice.'));
    }
  });

  const dateField = (name: 'issueDate' | 'dueDate', label: string) => (
    <Controller
      control={control}
      name={name}
      render={({ field }) => (
        <DateInput
          label={label}
          withAsterisk
          valueFormat="DD/MM/YYYY"
          dateParser={parseDateBR}
          placeholder="dd/mm/aaaa"
          value={field.value || null}
          onChange={(v) => field.onChange(v ?? '')}
          error={errors[name]?.message}
        />
      )}
    />
  );

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack gap="sm">
        <SaveFailure message={formError} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label="Número"
            withAsterisk
            readOnly={!!invoice}
            variant={invoice ? 'filled' : 'default'}
            description={invoice ? 'Vem do seu sistema; não muda' : undefined}
            data-autofocus={!invoice || undefined}
            error={errors.number?.message ?? errors.id?.message}
            {...register('number')}
          />
          <Controller
            control={control}
            name="customerId"
            render={({ field }) => (
              <CustomerPicker
                value={field.value}
                initialName={invoice?.customerName ?? null}
                onChange={field.onChange}
                error={errors.customerId?.message}
              />
            )}
          />
          <Controller
            control={control}
            name="billingMethodId"
            render={({ field }) => (
              <Select
                label="Forma de cobrança"
                withAsterisk
                data={props.methods}
                allowDeselect={false}
                value={field.value || null}
                onChange={(v) => field.onChange(v ?? '')}
                error={errors.billingMethodId?.message}
              />
            )}
          />
          <Controller
            control={control}
            name="amountCents"
            render={({ field }) => (
              <MoneyInput
                label="Valor"
                withAsterisk
                cents={field.value}
                onCents={field.onChange}
                error={errors.amountCents?.message}
              />
            )}
          />
          {dateField('issueDate', 'Emissão')}
          {dateField('dueDate', 'Vencimento')}
          <Controller
            control={control}
            name="status"
            render={({ field }) => (
              <Select
                label="Situação"
                data={STATUS_OPTIONS}
                allowDeselect={false}
                value={field.value ?? 'open'}
                onChange={(v) => v && field.onChange(v)}
              />
            )}
          />
          <TextInput label="Nosso número" error={errors.nossoNumero?.message} {...register('nossoNumero')} />
        </SimpleGrid>
        <TextInput
          label="Linha digitável"
          description="Conferida com o valor e o vencimento da fatura"
          error={errors.digitableLine?.message}
          {...register('digitableLine')}
        />
        <TextInput label="PIX copia e cola" error={errors.pixCode?.message} {...register('pixCode')} />
        <TextInput
          label="PDF da fatura"
          description="Caminho completo do PDF (dentro da pasta das faturas da Empresa); vazio: o Régua gera o PDF"
          error={errors.pdfPath?.message}
          {...register('pdfPath')}
        />
        <FormActions saving={formState.isSubmitting} onCancel={onDone} mt="sm" />
      </Stack>
    </form>
  );
}
