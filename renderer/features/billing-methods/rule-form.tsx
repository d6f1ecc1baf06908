// The Regra de Envio form, in a modal: validated with the domain's sendRuleSchema, saved with
// rules.save; the server's field errors (a duplicate (kind, days), an unknown layout) land beside
// their fields.
import { zodResolver } from '@hookform/resolvers/zod';
import { Checkbox, Modal, NumberInput, Select, Stack } from '@mantine/core';
import { useEffect, useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import type { z } from 'zod';
import type { BillingMethodView, SendRuleView } from '../../../shared/contract/billing';
import { sendRuleSchema } from '../../../shared/domain';
import { call } from '../../api';
import { FormActions } from '../../lib/form-actions';
import { RULE_KINDS, ruleKindLabel } from '../../lib/format';
import { applyServerErrors, toastSaved } from '../../lib/forms';
import { SUGGESTED_LAYOUT, type LayoutOption } from '../../lib/layouts';

type RuleInput = z.input<typeof sendRuleSchema>;
type Rule = z.output<typeof sendRuleSchema>;

const KIND_OPTIONS = RULE_KINDS.map((kind) => ({ value: kind, label: ruleKindLabel(kind) }));

/** The next free "rN" id in this method. */
export function nextRuleId(method: BillingMethodView): string {
  const used = new Set(method.sendRules.map((r) => r.id));
  let n = method.sendRules.length + 1;
  while (used.has(`r${n}`)) n++;
  return `r${n}`;
}

const blankRule = (method: BillingMethodView): RuleInput => ({
  id: nextRuleId(method),
  kind: 'after_due',
  days: 1,
  layoutId: SUGGESTED_LAYOUT.after_due,
  attachInvoice: true,
  active: true,
});

interface Props {
  method: BillingMethodView;
  /** The rule being edited, null for a new one; undefined keeps the modal closed. */
  rule: SendRuleView | null | undefined;
  layouts: LayoutOption[];
  onClose: () => void;
}

export function RuleFormModal({ method, rule, layouts, onClose }: Props) {
  return (
    <Modal
      opened={rule !== undefined}
      onClose={onClose}
      title={rule ? 'Editar Regra de Envio' : 'Adicionar Regra de Envio'}
      size="lg"
    >
      {rule !== undefined && <RuleForm method={method} rule={rule} layouts={layouts} onDone={onClose} />}
    </Modal>
  );
}

function RuleForm({
  method,
  rule,
  layouts,
  onDone,
}: {
  method: BillingMethodView;
  rule: SendRuleView | null;
  layouts: LayoutOption[];
  onDone: () => void;
}) {
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<RuleInput, unknown, Rule>({
    resolver: zodResolver(sendRuleSchema),
    defaultValues: rule
      ? {
          id: rule.id,
          kind: rule.kind,
          days: rule.days,
          layoutId: rule.layoutId,
          attachInvoice: rule.attachInvoice,
          active: rule.active,
        }
      : blankRule(method),
  });
  const { control, handleSubmit, setValue, getValues, formState } = form;
  const kind = useWatch({ control, name: 'kind' });

  // Envio no Vencimento is always 0 days; leaving it, start from 1 (the least the other kinds accept).
  useEffect(() => {
    if (kind === 'on_due') setValue('days', 0);
    else if (getValues('days') === 0 && kind !== 'after_issue') setValue('days', 1);
  }, [kind, setValue, getValues]);

  const onKindChange = (next: Rule['kind']) => {
    const layoutId = getValues('layoutId');
    const wasSuggested = Object.values(SUGGESTED_LAYOUT).includes(layoutId);
    if (wasSuggested && layouts.some((l) => l.value === SUGGESTED_LAYOUT[next]))
      setValue('layoutId', SUGGESTED_LAYOUT[next]);
  };

  const submit = handleSubmit(async (values) => {
    setFailure(null);
    try {
      await call('rules.save', { billingMethodId: method.id, rule: values });
      toastSaved(rule ? 'Regra de envio atualizada' : 'Regra de envio adicionada');
      onDone();
    } catch (e) {
      setFailure(applyServerErrors(e, form.setError, 'rule.'));
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Controller
          control={control}
          name="kind"
          render={({ field, fieldState }) => (
            <Select
              label="Regra de Envio"
              data={KIND_OPTIONS}
              value={field.value}
              onChange={(v) => {
                if (!v) return;
                field.onChange(v);
                onKindChange(v as Rule['kind']);
              }}
              onBlur={field.onBlur}
              allowDeselect={false}
              error={fieldState.error?.message}
              required
            />
          )}
        />
        <Controller
          control={control}
          name="layoutId"
          render={({ field, fieldState }) => (
            <Select
              label="Layout de Envio de Email"
              data={layouts}
              value={field.value || null}
              onChange={(v) => field.onChange(v ?? '')}
              onBlur={field.onBlur}
              searchable
              allowDeselect={false}
              nothingFoundMessage="Nenhum layout encontrado"
              error={
                fieldState.error && (field.value ? fieldState.error.message : 'escolha o layout de e-mail')
              }
              required
            />
          )}
        />
        <Controller
          control={control}
          name="days"
          render={({ field, fieldState }) => (
            <NumberInput
              label="Dias para Envio"
              description={
                kind === 'on_due'
                  ? 'Envio no Vencimento sai no próprio dia do vencimento (0 dias).'
                  : kind === 'before_due'
                    ? 'Quantos dias antes do vencimento o e-mail sai.'
                    : kind === 'after_due'
                      ? 'Quantos dias depois do vencimento o e-mail sai.'
                      : 'Quantos dias depois da emissão o e-mail sai (0 = no dia da emissão).'
              }
              value={field.value ?? ''}
              onChange={(v) => field.onChange(typeof v === 'number' ? v : v === '' ? undefined : Number(v))}
              onBlur={field.onBlur}
              min={0}
              max={365}
              allowDecimal={false}
              // Out-of-range values are refused beside the field, never silently changed.
              clampBehavior="none"
              disabled={kind === 'on_due'}
              error={fieldState.error?.message}
            />
          )}
        />
        <Controller
          control={control}
          name="attachInvoice"
          render={({ field }) => (
            <Checkbox
              label="Anexar fatura"
              description="O PDF da fatura vai anexado ao e-mail."
              checked={field.value ?? true}
              onChange={(e) => field.onChange(e.currentTarget.checked)}
            />
          )}
        />
        <Controller
          control={control}
          name="active"
          render={({ field }) => (
            <Checkbox
              label="Ativa"
              description="Regras inativas não enviam e-mails."
              checked={field.value ?? true}
              onChange={(e) => field.onChange(e.currentTarget.checked)}
            />
          )}
        />
        <FormActions failure={failure} saving={formState.isSubmitting} onCancel={onDone} />
      </Stack>
    </form>
  );
}
