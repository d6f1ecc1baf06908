// Step 3, Primeira regra: a Forma de Cobrança and its first Regra de Envio, saved together or not at all.
import { zodResolver } from '@hookform/resolvers/zod';
import { Checkbox, NumberInput, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { z } from 'zod';
import { billingMethodFields } from '../../../shared/contract/billing';
import { sendRuleSchema } from '../../../shared/domain';
import { RULE_KINDS, type RuleKind } from '../../../shared/rule-kinds';
import { call } from '../../api';
import { ruleKindLabel } from '../../lib/format';
import { applyServerErrors, toastSaved } from '../../lib/forms';
import { useApi } from '../../lib/use-api';
import { StepButtons, StepError } from './step-frame';

const schema = billingMethodFields.pick({ name: true }).extend({ rule: sendRuleSchema });
type FormValues = z.input<typeof schema>;

/** The pre-registered layouts, offered when the layout list cannot be loaded. */
const PRE_REGISTERED = [
  { value: 'boleto-emissao', label: 'Boleto Bancário – Fatura Gerada' },
  { value: 'boleto-antes-vencimento', label: 'Boleto Bancário – Antes do Vencimento' },
  { value: 'boleto-no-vencimento', label: 'Boleto Bancário – No Vencimento' },
  { value: 'boleto-apos-vencimento', label: 'Boleto Bancário – Após Vencimento' },
];
const LAYOUT_FOR: Record<RuleKind, string> = {
  after_issue: 'boleto-emissao',
  before_due: 'boleto-antes-vencimento',
  on_due: 'boleto-no-vencimento',
  after_due: 'boleto-apos-vencimento',
};

const slug = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '') || 'forma';

export function RuleStep({ onDone, onBack }: { onDone: () => void; onBack: () => void }) {
  const [formError, setFormError] = useState<string | null>(null);
  const layouts = useApi('layouts.list', {});
  const layoutOptions = layouts.data?.map((l) => ({ value: l.id, label: l.name })) ?? PRE_REGISTERED;
  const form = useForm<FormValues, unknown, z.output<typeof schema>>({
    resolver: zodResolver(schema),
    defaultValues: {
      name: 'Boleto Bancário',
      rule: {
        id: 'regra',
        kind: 'after_due',
        days: 3,
        layoutId: LAYOUT_FOR.after_due,
        attachInvoice: true,
        active: true,
      },
    },
  });
  const { register, control, formState, setValue, watch } = form;
  const kind = watch('rule.kind');

  const changeKind = (next: RuleKind) => {
    setValue('rule.kind', next);
    setValue('rule.layoutId', LAYOUT_FOR[next]);
    const days = form.getValues('rule.days') ?? 0;
    if (next === 'on_due') setValue('rule.days', 0);
    else if ((next === 'before_due' || next === 'after_due') && days < 1) setValue('rule.days', 1);
  };

  const submit = form.handleSubmit(async ({ name, rule }) => {
    setFormError(null);
    const methods = await call('billingMethods.list', {}).catch(() => []);
    const existing = methods.find((m) => m.name.trim().toLowerCase() === name.toLowerCase());
    const ids = new Set(methods.map((m) => m.id));
    let id = existing?.id ?? slug(name);
    for (let n = 2; !existing && ids.has(id); n++) id = `${slug(name)}-${n}`;
    try {
      if (!existing) await call('billingMethods.save', { id, name, active: true });
    } catch (e) {
      setFormError(applyServerErrors(e, form.setError));
      return;
    }
    try {
      await call('rules.save', {
        billingMethodId: id,
        rule: { ...rule, id: `${rule.kind.replace('_', '-')}-${rule.days}` },
      });
    } catch (e) {
      // Nothing saved half-way: a method created just now goes away with its refused rule.
      if (!existing) await call('billingMethods.remove', { id }).catch(() => undefined);
      setFormError(applyServerErrors(e, form.setError));
      return;
    }
    toastSaved('Forma de cobrança e regra de envio salvas');
    onDone();
  });

  const errors = formState.errors;
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label="Primeira regra">
      <Stack gap="sm">
        <StepError message={formError} />
        <Text size="sm" c="dimmed">
          Como no ERP (Configurações &gt; Financeiro &gt; Forma de Cobrança &gt; Email): a regra diz quando o
          e-mail sai em relação à fatura. Cadastre as outras regras depois, em Forma de Cobrança.
        </Text>
        <TextInput
          label="Forma de cobrança"
          description="Se já existir uma com este nome, a regra é acrescentada a ela"
          withAsterisk
          error={errors.name?.message}
          {...register('name')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label="Regra de envio"
            data={RULE_KINDS.map((k) => ({ value: k, label: ruleKindLabel(k) }))}
            allowDeselect={false}
            value={kind}
            onChange={(v) => v && changeKind(v as RuleKind)}
            error={errors.rule?.kind?.message}
          />
          <Controller
            control={control}
            name="rule.days"
            render={({ field }) => (
              <NumberInput
                label="Dias para Envio"
                description={kind === 'on_due' ? 'No vencimento: sempre 0' : 'Em dias corridos'}
                min={0}
                max={365}
                allowDecimal={false}
                // Out-of-range values are refused beside the field, never silently changed.
                clampBehavior="none"
                disabled={kind === 'on_due'}
                value={field.value ?? ''}
                onChange={(v) => field.onChange(typeof v === 'number' ? v : undefined)}
                onBlur={field.onBlur}
                error={errors.rule?.days?.message}
              />
            )}
          />
          <Controller
            control={control}
            name="rule.layoutId"
            render={({ field }) => (
              <Select
                label="Layout de E-mail"
                data={layoutOptions}
                allowDeselect={false}
                value={field.value}
                onChange={(v) => field.onChange(v)}
                onBlur={field.onBlur}
                error={errors.rule?.layoutId?.message}
              />
            )}
          />
          <Checkbox mt={{ sm: 32 }} label="Anexar a fatura em PDF" {...register('rule.attachInvoice')} />
        </SimpleGrid>
        <StepButtons onBack={onBack} submitting={formState.isSubmitting} />
      </Stack>
    </form>
  );
}
