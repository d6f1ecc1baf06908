// One layout open for editing (or a new one): Nome, Assunto and HTML on the left with the variables at
// hand, the live preview on the right; Salvar, Enviar teste, Restaurar padrão / Excluir on top.
import { zodResolver } from '@hookform/resolvers/zod';
import {
  Anchor,
  Button,
  Checkbox,
  EmptyState,
  Grid,
  Group,
  Loader,
  Paper,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconArrowLeft, IconDeviceFloppy, IconRestore, IconSend, IconTrash } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { Link, useLocation } from 'wouter';
import type { z } from 'zod';
import { layoutSaveSchema } from '../../../shared/contract/layouts';
import type { LayoutEntry } from '../../../shared/records';
import { call } from '../../api';
import { ConfirmModal } from '../../lib/confirm-modal';
import { applyServerErrors, toastError, toastSaved } from '../../lib/forms';
import { useApi } from '../../lib/use-api';
import { insertAtCaret, variableTag, type TemplateField } from './insert-variable';
import { LayoutPreview } from './layout-preview';
import { LayoutStatusBadge } from './layout-status';
import { SAMPLE_SOURCE, sourceInvoiceId, type PreviewSource } from './preview-source';
import { SendTestModal } from './send-test-modal';
import { VariableCatalogue } from './variable-catalogue';

type FormInput = z.input<typeof layoutSaveSchema>;
type FormOutput = z.output<typeof layoutSaveSchema>;

const NEW_LAYOUT: FormInput = {
  id: null,
  name: '',
  subject: 'Sua fatura {{fatura.numero}} vence em {{fatura.vencimento}}',
  html: [
    '<p>Olá, {{cliente.nome}}!</p>',
    '<p>Sua fatura <strong>{{fatura.numero}}</strong> no valor de <strong>{{fatura.valor}}</strong> vence em {{fatura.vencimento}}.</p>',
    '{{#fatura.linhaDigitavel}}<p>Linha digitável: {{fatura.linhaDigitavel}}</p>{{/fatura.linhaDigitavel}}',
    '{{#fatura.pixCopiaECola}}<p>PIX copia e cola: {{fatura.pixCopiaECola}}</p>{{/fatura.pixCopiaECola}}',
    '<p>{{empresa.nome}} – {{empresa.telefone}}</p>',
  ].join('\n'),
  reminder: false,
};

const formValues = (entry: LayoutEntry): FormInput => ({
  id: entry.id,
  name: entry.name,
  subject: entry.subject,
  html: entry.html,
  reminder: entry.reminder,
});

export function LayoutEditor({ id }: { id: string | null }) {
  const layouts = useApi('layouts.list', {});
  const entry = id === null ? null : layouts.data?.find((l) => l.id === id);
  if (id !== null && entry === undefined) {
    if (layouts.loading || (!layouts.data && !layouts.error))
      return <Loader aria-label="Carregando o layout" />;
    return (
      <EmptyState
        title="Layout não encontrado"
        description={layouts.error ?? 'Ele pode ter sido excluído. Volte para a lista e escolha outro.'}
      >
        <EmptyState.Actions>
          <Button component={Link} href="/">
            Voltar para os layouts
          </Button>
        </EmptyState.Actions>
      </EmptyState>
    );
  }
  return <EditorForm entry={entry ?? null} />;
}

function EditorForm({ entry }: { entry: LayoutEntry | null }) {
  const [, navigate] = useLocation();
  const form = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(layoutSaveSchema),
    defaultValues: entry ? formValues(entry) : NEW_LAYOUT,
  });
  const { errors, isDirty, isSubmitting } = form.formState;
  const [subject = '', html = ''] = useWatch({ control: form.control, name: ['subject', 'html'] });
  const [source, setSource] = useState<PreviewSource>(SAMPLE_SOURCE);
  const [target, setTarget] = useState<TemplateField>('html');
  const [modal, setModal] = useState<'restore' | 'remove' | 'test' | null>(null);
  const fields = useRef<{ subject: HTMLInputElement | null; html: HTMLTextAreaElement | null }>({
    subject: null,
    html: null,
  });

  const save = form.handleSubmit(async (values) => {
    try {
      const saved = await call('layouts.save', values);
      form.reset(formValues(saved));
      toastSaved(`Layout "${saved.name}" salvo`);
      if (!entry) navigate(`/editar/${encodeURIComponent(saved.id)}`, { replace: true });
    } catch (e) {
      const message = applyServerErrors(e, form.setError);
      if (message) toastError(new Error(message));
    }
  });
  // Ctrl+S saves from inside the fields too.
  useHotkeys([['mod+S', () => void save()]], []);

  const insertVariable = (name: string) => {
    const el = fields.current[target];
    const current = form.getValues(target) ?? '';
    const { value, caret } = insertAtCaret(
      current,
      el?.selectionStart ?? null,
      el?.selectionEnd ?? null,
      variableTag(name),
    );
    form.setValue(target, value, { shouldDirty: true, shouldValidate: form.formState.isSubmitted });
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(caret, caret);
    });
  };

  const restore = async () => {
    const restored = await call('layouts.restore', { id: entry!.id });
    form.reset(formValues(restored));
    toastSaved(`Layout "${restored.name}" restaurado ao padrão`);
  };
  const remove = async () => {
    await call('layouts.remove', { id: entry!.id });
    toastSaved(`Layout "${entry!.name}" excluído`);
    navigate('/');
  };

  const subjectField = form.register('subject');
  const htmlField = form.register('html');

  // The modals live outside the <form>: React bubbles a portal's submit to its parents.
  return (
    <>
      <form onSubmit={save} noValidate aria-label="Layout de e-mail">
        <Stack gap="md">
          <Anchor component={Link} href="/" size="sm">
            <Group gap={4}>
              <IconArrowLeft size={14} /> Layouts de E-mail
            </Group>
          </Anchor>
          <Group justify="space-between" align="center">
            <Group gap="sm">
              <Title order={2}>{entry?.name ?? 'Novo layout'}</Title>
              {entry && <LayoutStatusBadge entry={entry} />}
              {isDirty && (
                <Text size="sm" c="orange.8">
                  Alterações não salvas
                </Text>
              )}
            </Group>
            <Group gap="xs">
              <Button variant="default" leftSection={<IconSend size={16} />} onClick={() => setModal('test')}>
                Enviar teste
              </Button>
              {entry?.preRegistered && (
                <Button
                  variant="default"
                  leftSection={<IconRestore size={16} />}
                  onClick={() => setModal('restore')}
                >
                  Restaurar padrão
                </Button>
              )}
              {entry && !entry.preRegistered && (
                <Button
                  variant="default"
                  color="red"
                  leftSection={<IconTrash size={16} />}
                  onClick={() => setModal('remove')}
                >
                  Excluir
                </Button>
              )}
              <Button type="submit" leftSection={<IconDeviceFloppy size={16} />} loading={isSubmitting}>
                Salvar
              </Button>
            </Group>
          </Group>

          <Grid gap="lg">
            <Grid.Col span={{ base: 12, lg: 6 }}>
              <Stack gap="md">
                <Paper withBorder p="md">
                  <Stack gap="sm">
                    <TextInput
                      label="Nome"
                      withAsterisk
                      error={errors.name?.message}
                      {...form.register('name')}
                    />
                    <TextInput
                      label="Assunto"
                      withAsterisk
                      description="Pode usar variáveis, como {{fatura.numero}}"
                      error={errors.subject?.message}
                      {...subjectField}
                      ref={(el) => {
                        subjectField.ref(el);
                        fields.current.subject = el;
                      }}
                      onFocus={() => setTarget('subject')}
                    />
                    <Textarea
                      label="HTML"
                      withAsterisk
                      description="O corpo do e-mail; a versão em texto puro é gerada a partir dele."
                      error={errors.html?.message}
                      autosize
                      minRows={14}
                      maxRows={22}
                      spellCheck={false}
                      styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12 } }}
                      {...htmlField}
                      ref={(el) => {
                        htmlField.ref(el);
                        fields.current.html = el;
                      }}
                      onFocus={() => setTarget('html')}
                    />
                    <Checkbox
                      label="Lembrete sem cobrança"
                      description="Pode ir para faturas sem linha digitável, PIX ou PDF (as outras ficam retidas como “sem meio de pagamento”). Não pode usar as variáveis de pagamento."
                      {...form.register('reminder')}
                    />
                  </Stack>
                </Paper>
                <VariableCatalogue target={target} onInsert={insertVariable} />
              </Stack>
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 6 }}>
              <LayoutPreview subject={subject} html={html} source={source} onSourceChange={setSource} />
            </Grid.Col>
          </Grid>
        </Stack>
      </form>

      <SendTestModal
        opened={modal === 'test'}
        onClose={() => setModal(null)}
        draft={() => ({
          subject: form.getValues('subject') ?? '',
          html: form.getValues('html') ?? '',
          invoiceId: sourceInvoiceId(source),
          runDate: source.runDate,
        })}
      />
      {entry?.preRegistered && (
        <ConfirmModal
          opened={modal === 'restore'}
          title="Restaurar padrão"
          confirmLabel="Restaurar padrão"
          onConfirm={restore}
          onClose={() => setModal(null)}
        >
          O nome, o assunto e o HTML de “{entry.name}” voltam a ser os originais. As alterações feitas neste
          layout serão perdidas.
        </ConfirmModal>
      )}
      {entry && !entry.preRegistered && (
        <ConfirmModal
          opened={modal === 'remove'}
          title="Excluir layout"
          confirmLabel="Excluir"
          onConfirm={remove}
          onClose={() => setModal(null)}
        >
          Excluir o layout “{entry.name}”? Só é possível quando nenhuma Regra de Envio o utiliza.
        </ConfirmModal>
      )}
    </>
  );
}
