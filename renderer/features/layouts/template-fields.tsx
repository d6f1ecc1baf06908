// The layout's Nome, Assunto and body, with the variables at hand. The body is edited as formatted
// text ("Editor visual"); "Código HTML" keeps the source for experts. Both edit the same template.
import { Alert, Checkbox, Input, Paper, Stack, Tabs, Text, TextInput, Textarea } from '@mantine/core';
import { IconCode, IconTextCaption } from '@tabler/icons-react';
import type { Editor } from '@tiptap/core';
import { useCallback, useRef, useState } from 'react';
import type { FieldErrors, UseFormReturn } from 'react-hook-form';
import { useWatch } from 'react-hook-form';
import type { z } from 'zod';
import type { layoutSaveSchema } from '../../../shared/contract/layouts';
import { insertAtCaret, variableTag, type TemplateField } from './insert-variable';
import { VariableCatalogue } from './variable-catalogue';
import { BodyEditor } from './visual/body-editor';
import { SubjectEditor } from './visual/subject-editor';

type FormInput = z.input<typeof layoutSaveSchema>;
type Form = UseFormReturn<FormInput, unknown, z.output<typeof layoutSaveSchema>>;

export type BodyMode = 'visual' | 'html';

export function TemplateFields({ form }: { form: Form }) {
  const errors: FieldErrors<FormInput> = form.formState.errors;
  const [subject = '', html = ''] = useWatch({ control: form.control, name: ['subject', 'html'] });
  const [target, setTarget] = useState<TemplateField>('html');
  const [mode, setMode] = useState<BodyMode>('visual');
  const [visualSupported, setVisualSupported] = useState(true);
  const editors = useRef<{ subject: Editor | null; html: Editor | null }>({ subject: null, html: null });
  const textarea = useRef<HTMLTextAreaElement | null>(null);
  const set = useCallback(
    (field: TemplateField, value: string) =>
      form.setValue(field, value, { shouldDirty: true, shouldValidate: form.formState.isSubmitted }),
    [form],
  );
  const onBodyEditor = useCallback((e: Editor | null) => void (editors.current.html = e), []);
  const onSubjectEditor = useCallback((e: Editor | null) => void (editors.current.subject = e), []);
  const onSupported = useCallback((supported: boolean) => {
    setVisualSupported(supported);
    if (!supported) setMode('html');
  }, []);
  const showVisual = mode === 'visual' && visualSupported;

  const insertVariable = (name: string) => {
    const editor = target === 'subject' ? editors.current.subject : showVisual ? editors.current.html : null;
    if (editor) {
      editor.chain().focus().insertContent({ type: 'variable', attrs: { name } }).run();
      return;
    }
    const el = target === 'html' ? textarea.current : null;
    const current = form.getValues(target) ?? '';
    const { value, caret } = insertAtCaret(
      current,
      el?.selectionStart ?? null,
      el?.selectionEnd ?? null,
      variableTag(name),
    );
    set(target, value);
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(caret, caret);
    });
  };

  return (
    <Stack gap="md">
      <Paper withBorder p="md">
        <Stack gap="sm">
          <TextInput label="Nome" withAsterisk error={errors.name?.message} {...form.register('name')} />
          <SubjectEditor
            value={subject}
            onChange={(v) => set('subject', v)}
            onFocus={() => setTarget('subject')}
            onEditor={onSubjectEditor}
            error={errors.subject?.message}
            description="Use as variáveis abaixo, como Número da fatura"
          />
          <Input.Wrapper
            label="Corpo do e-mail"
            labelElement="div"
            description="A versão em texto puro é gerada a partir dele."
            error={errors.html?.message}
          >
            <Tabs
              value={showVisual ? 'visual' : 'html'}
              onChange={(v) => setMode(v === 'html' ? 'html' : 'visual')}
              mt={6}
              keepMounted
            >
              <Tabs.List>
                <Tabs.Tab
                  value="visual"
                  leftSection={<IconTextCaption size={16} />}
                  disabled={!visualSupported}
                >
                  Editor visual
                </Tabs.Tab>
                <Tabs.Tab value="html" leftSection={<IconCode size={16} />}>
                  Código HTML
                </Tabs.Tab>
              </Tabs.List>
              <Tabs.Panel value="visual" pt="sm">
                <BodyEditor
                  value={html}
                  onChange={(v) => set('html', v)}
                  onFocus={() => setTarget('html')}
                  onEditor={onBodyEditor}
                  onSupported={onSupported}
                />
                <Text size="xs" c="dimmed" mt={6}>
                  As partes em azul só aparecem no caso indicado. As cores, a tabela e o resto do desenho do
                  e-mail ficam como estão (altere-os em Código HTML).
                </Text>
              </Tabs.Panel>
              <Tabs.Panel value="html" pt="sm">
                {!visualSupported && (
                  <Alert color="blue" mb="sm" title="Este layout é editado só como código HTML">
                    Ele usa recursos que o editor visual não mostra sem mudar o e-mail (por exemplo, uma
                    condição dentro de uma tag). Edite aqui; o editor visual volta quando o HTML puder ser
                    mostrado.
                  </Alert>
                )}
                <Textarea
                  aria-label="Código HTML do corpo do e-mail"
                  autosize
                  minRows={14}
                  maxRows={22}
                  spellCheck={false}
                  styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12 } }}
                  value={html}
                  onChange={(e) => set('html', e.currentTarget.value)}
                  ref={textarea}
                  onFocus={() => setTarget('html')}
                />
              </Tabs.Panel>
            </Tabs>
          </Input.Wrapper>
          <Checkbox
            label="Lembrete sem cobrança"
            description="Pode ir para faturas sem linha digitável, PIX ou PDF (as outras ficam retidas como “sem meio de pagamento”). Não pode usar as variáveis de pagamento."
            {...form.register('reminder')}
          />
        </Stack>
      </Paper>
      <VariableCatalogue
        target={target}
        visual={target === 'subject' ? editors.current.subject !== null : showVisual}
        onInsert={insertVariable}
      />
    </Stack>
  );
}
