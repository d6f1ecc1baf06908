// Creating a Forma de Cobrança (Nome, with the identifier derived from it) and renaming one, both
// validated with the contract's billingMethodFields and saved with billingMethods.save.
import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { billingMethodFields, type BillingMethodView } from '../../../shared/contract/billing';
import { call } from '../../api';
import { FormActions, SaveFailure } from '../../lib/form-actions';
import { applyServerErrors, toastSaved } from '../../lib/forms';
import { slugOf } from '../../../shared/slug';

type FieldsInput = z.input<typeof billingMethodFields>;
type Fields = z.output<typeof billingMethodFields>;

function useMethodForm(defaultValues: FieldsInput) {
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<FieldsInput, unknown, Fields>({
    resolver: zodResolver(billingMethodFields),
    defaultValues,
  });
  const save = (onSaved: (saved: BillingMethodView) => void, message: (saved: BillingMethodView) => string) =>
    form.handleSubmit(async (values) => {
      setFailure(null);
      try {
        const saved = await call('billingMethods.save', values);
        toastSaved(message(saved));
        onSaved(saved);
      } catch (e) {
        setFailure(applyServerErrors(e, form.setError));
      }
    });
  return { form, failure, save };
}

export function CreateMethodModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="Adicionar Forma de Cobrança">
      {opened && <CreateMethodForm onDone={onClose} />}
    </Modal>
  );
}

function CreateMethodForm({ onDone }: { onDone: () => void }) {
  const { form, failure, save } = useMethodForm({ id: '', name: '', create: true });
  const { register, formState, setValue } = form;
  // The identifier follows the name until someone edits it by hand.
  const [idTouched, setIdTouched] = useState(false);
  const name = register('name', {
    onChange: (e: { target: { value: string } }) => {
      if (!idTouched) setValue('id', slugOf(e.target.value), { shouldValidate: formState.isSubmitted });
    },
  });
  const id = register('id', { onChange: () => setIdTouched(true) });
  return (
    <form onSubmit={save(onDone, (saved) => `Forma de cobrança "${saved.name}" adicionada`)} noValidate>
      <Stack>
        <TextInput
          label="Nome"
          placeholder="Boleto Bancário, PIX, Carnê…"
          required
          data-autofocus
          {...name}
          error={formState.errors.name?.message}
        />
        <TextInput
          label="Identificador"
          description="O código desta forma de cobrança nos arquivos importados do seu sistema. Sugerido a partir do nome."
          required
          {...id}
          error={formState.errors.id?.message}
        />
        <FormActions failure={failure} saving={formState.isSubmitting} onCancel={onDone} />
      </Stack>
    </form>
  );
}

/** The "Dados gerais" tab: the name can change; the identifier stays (invoices point to it). */
export function RenameMethodForm({ method }: { method: BillingMethodView }) {
  const { form, failure, save } = useMethodForm({ id: method.id, name: method.name });
  const { register, formState, reset } = form;
  return (
    <form
      onSubmit={save(
        (saved) => reset({ id: saved.id, name: saved.name }),
        () => 'Forma de cobrança salva',
      )}
      noValidate
    >
      <Stack maw={480}>
        <TextInput label="Nome" required {...register('name')} error={formState.errors.name?.message} />
        <TextInput
          label="Identificador"
          description="Não muda: as faturas importadas apontam para ele."
          readOnly
          variant="filled"
          {...register('id')}
          error={formState.errors.id?.message}
        />
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
