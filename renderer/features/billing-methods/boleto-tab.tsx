// The "Boleto" tab of a Forma de Cobrança: what the generated boleto prints beyond the linha digitável
// (the bank's agency and beneficiary code, where it may be paid, the kind of document) and the fine and
// interest written in its instructions, shown as the boleto will say them. Saved with
// billingMethods.saveBoleto; the server's field errors land beside their fields.
import { zodResolver } from '@hookform/resolvers/zod';
import {
  Alert,
  Button,
  Group,
  NumberInput,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import {
  boletoInstructions,
  boletoSettingsSchema,
  DEFAULT_DOCUMENT_KIND,
  DEFAULT_PAYMENT_PLACE,
} from '../../../shared/boleto';
import type { BillingMethodView } from '../../../shared/contract/billing';
import { call } from '../../api';
import { SaveFailure } from '../../lib/form-actions';
import { applyServerErrors, toastSaved } from '../../lib/forms';

const formSchema = z.strictObject({ boleto: boletoSettingsSchema });
type FormInput = z.input<typeof formSchema>;
type FormOutput = z.output<typeof formSchema>;

const EXAMPLE_CENTS = 10000;

const toForm = (method: BillingMethodView): FormInput => ({
  boleto: {
    beneficiaryCode: method.boleto?.beneficiaryCode ?? '',
    paymentPlace: method.boleto?.paymentPlace ?? '',
    documentKind: method.boleto?.documentKind ?? '',
    wallet: method.boleto?.wallet ?? '',
    finePercent: method.boleto?.finePercent ?? null,
    monthlyInterestPercent: method.boleto?.monthlyInterestPercent ?? null,
    instructions: method.boleto?.instructions ?? '',
  },
});

/** Blank texts are "not informed": stored as absent, so the boleto prints its default. */
const compact = (boleto: FormOutput['boleto']) =>
  Object.fromEntries(Object.entries(boleto).filter(([, v]) => v !== '' && v !== null && v !== undefined));

export function BoletoTab({ method }: { method: BillingMethodView }) {
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(formSchema),
    defaultValues: toForm(method),
  });
  const { register, control, formState, reset } = form;
  const err = (name: keyof FormInput['boleto']) => formState.errors.boleto?.[name]?.message;
  const watched = useWatch({ control, name: 'boleto' });
  const example = boletoInstructions(boletoSettingsSchema.safeParse(watched).data ?? null, EXAMPLE_CENTS);

  const submit = form.handleSubmit(async ({ boleto }) => {
    setFailure(null);
    try {
      const saved = await call('billingMethods.saveBoleto', {
        billingMethodId: method.id,
        boleto: compact(boleto),
      });
      reset(toForm(saved));
      toastSaved('Dados do boleto salvos');
    } catch (e) {
      setFailure(applyServerErrors(e, form.setError));
    }
  });

  const percent = (name: 'finePercent' | 'monthlyInterestPercent', label: string, description: string) => (
    <Controller
      control={control}
      name={`boleto.${name}`}
      render={({ field }) => (
        <NumberInput
          label={label}
          description={description}
          suffix="%"
          decimalSeparator=","
          decimalScale={3}
          min={0}
          allowNegative={false}
          value={field.value ?? ''}
          onChange={(v) => field.onChange(typeof v === 'number' ? v : null)}
          onBlur={field.onBlur}
          error={err(name)}
        />
      )}
    />
  );

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label="Boleto">
      <Stack maw={860}>
        <Text size="sm" c="dimmed">
          O que o boleto gerado pelo Régua imprime além da linha digitável (que vem da fatura). Local de
          pagamento e espécie em branco saem como mostrado em cinza; os outros campos em branco saem em
          branco, como no boleto do banco.
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label="Agência/Código do Beneficiário"
            placeholder="1234-5 / 0012345-6"
            description="Como o banco informa no contrato de cobrança"
            error={err('beneficiaryCode')}
            {...register('boleto.beneficiaryCode')}
          />
          <TextInput label="Carteira" placeholder="09" error={err('wallet')} {...register('boleto.wallet')} />
          <TextInput
            label="Local de pagamento"
            placeholder={DEFAULT_PAYMENT_PLACE}
            error={err('paymentPlace')}
            {...register('boleto.paymentPlace')}
          />
          <TextInput
            label="Espécie do documento"
            placeholder={DEFAULT_DOCUMENT_KIND}
            description="DS (duplicata de serviço), DM, RC…"
            error={err('documentKind')}
            {...register('boleto.documentKind')}
          />
          {percent('finePercent', 'Multa por atraso', 'No máximo 2% (Código de Defesa do Consumidor)')}
          {percent('monthlyInterestPercent', 'Juros de mora ao mês', 'No máximo 1% ao mês')}
        </SimpleGrid>
        <Textarea
          label="Instruções adicionais"
          description="Uma por linha; saem depois da multa e dos juros"
          autosize
          minRows={2}
          error={err('instructions')}
          {...register('boleto.instructions')}
        />
        <Alert color="gray" title="Assim sai nas instruções de um boleto de R$ 100,00">
          {example.length > 0 ? (
            example.map((line, i) => (
              <Text key={i} size="sm">
                {line}
              </Text>
            ))
          ) : (
            <Text size="sm" c="dimmed">
              Nenhuma instrução.
            </Text>
          )}
        </Alert>
        <SaveFailure message={failure} />
        <Group>
          <Button type="submit" loading={formState.isSubmitting} disabled={!formState.isDirty}>
            Salvar
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
