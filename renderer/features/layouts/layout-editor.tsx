// One layout open for editing (or a new one): Nome, Assunto and the body (visual editor or HTML code)
// on the left with the variables at hand, the live preview on the right; Salvar, Enviar teste,
// Restaurar padrão / Excluir on top. Leaving with unsaved changes asks first.
import { zodResolver } from '@hookform/resolvers/zod';
import { Button, EmptyState, Grid, Loader, Stack, Text } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconDeviceFloppy, IconRestore, IconSend, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { Link, useLocation } from 'wouter';
import type { z } from 'zod';
import { layoutSaveSchema } from '../../../shared/contract/layouts';
import type { LayoutEntry } from '../../../shared/records';
import { call } from '../../api';
import { ConfirmModal } from '../../lib/confirm-modal';
import { applyServerErrors, toastError, toastSaved } from '../../lib/forms';
import { useApi } from '../../lib/use-api';
import { screenTrail } from '../../app/screens';
import { releaseUnsavedChangesGuard, useUnsavedChangesGuard } from '../../lib/navigation-guard';
import { PageHeader } from '../../lib/page-header';
import { LayoutPreview } from './layout-preview';
import { LayoutStatusBadge } from './layout-status';
import { SAMPLE_SOURCE, sourceInvoiceId, type PreviewSource } from './preview-source';
import { SendTestModal } from './send-test-modal';
import { TemplateFields } from './template-fields';

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
  const { isDirty, isSubmitting } = form.formState;
  const [subject = '', html = ''] = useWatch({ control: form.control, name: ['subject', 'html'] });
  const name = useWatch({ control: form.control, name: 'name' }) || entry?.name || 'Novo layout';
  const [source, setSource] = useState<PreviewSource>(SAMPLE_SOURCE);
  const [modal, setModal] = useState<'restore' | 'remove' | 'test' | null>(null);
  useUnsavedChangesGuard(
    isDirty,
    `As alterações no layout “${name}” ainda não foram salvas e serão perdidas.`,
  );

  const save = form.handleSubmit(async (values) => {
    try {
      const saved = await call('layouts.save', values);
      form.reset(formValues(saved));
      toastSaved(`Layout "${saved.name}" salvo`);
      if (!entry) {
        releaseUnsavedChangesGuard();
        navigate(`/editar/${encodeURIComponent(saved.id)}`, { replace: true });
      }
    } catch (e) {
      const message = applyServerErrors(e, form.setError);
      if (message) toastError(new Error(message));
    }
  });
  // Ctrl+S saves from inside the fields too.
  useHotkeys([['mod+S', () => void save()]], []);

  const restore = async () => {
    const restored = await call('layouts.restore', { id: entry!.id });
    form.reset(formValues(restored));
    toastSaved(`Layout "${restored.name}" restaurado ao padrão`);
  };
  const remove = async () => {
    await call('layouts.remove', { id: entry!.id });
    toastSaved(`Layout "${entry!.name}" excluído`);
    releaseUnsavedChangesGuard();
    navigate('/');
  };

  // The modals live outside the <form>: React bubbles a portal's submit to its parents.
  return (
    <>
      <form onSubmit={save} noValidate aria-label="Layout de e-mail">
        <Stack gap="md">
          <PageHeader
            title={entry?.name ?? 'Novo layout'}
            windowTitle={`${entry?.name ?? 'Novo layout'} — Layout de E-mail`}
            trail={[...screenTrail('/layouts'), { label: 'Layout de E-mail', href: '/' }]}
            aside={
              <>
                {entry && <LayoutStatusBadge entry={entry} />}
                {isDirty && (
                  <Text size="sm" c="orange.8" fw={600}>
                    Alterações não salvas
                  </Text>
                )}
              </>
            }
            actions={
              <>
                <Button
                  variant="default"
                  leftSection={<IconSend size={16} />}
                  onClick={() => setModal('test')}
                >
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
              </>
            }
          />

          <Grid gap="lg">
            <Grid.Col span={{ base: 12, lg: 6 }}>
              <TemplateFields form={form} />
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
          O nome, o assunto e o corpo de “{entry.name}” voltam a ser os originais. As alterações feitas neste
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
