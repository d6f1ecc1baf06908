// The e-mail as the customer would get it, rendered by main from the unsaved draft. The HTML goes into
// a sandboxed frame: no scripts, no access to this page.
import { Alert, Box, Code, Group, List, Loader, Paper, Stack, Tabs, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { MailFrame } from '../../lib/mail-frame';
import { PreviewSourcePicker, sourceInvoiceId, type PreviewSource } from './preview-source';
import { useLayoutPreview } from './use-layout-preview';

const FIELD_LABEL = { subject: 'Assunto', html: 'Corpo do e-mail' } as const;

export function LayoutPreview(props: {
  subject: string;
  html: string;
  source: PreviewSource;
  onSourceChange: (next: PreviewSource) => void;
}) {
  const { result, error, loading } = useLayoutPreview({
    subject: props.subject,
    html: props.html,
    invoiceId: sourceInvoiceId(props.source),
    runDate: props.source.runDate,
  });

  return (
    <Paper withBorder p="md" component="section" aria-label="Prévia">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4">
            Prévia
          </Title>
          {loading && <Loader size="xs" aria-label="Atualizando a prévia" />}
        </Group>
        <PreviewSourcePicker value={props.source} onChange={props.onSourceChange} />

        {error && (
          <Alert color="red" title="Não foi possível gerar a prévia">
            {error}
          </Alert>
        )}
        {result && result.problems.length > 0 && (
          <Alert
            color="yellow"
            icon={<IconAlertTriangle size={18} />}
            title="O layout tem problemas; corrija antes de salvar"
          >
            <List size="sm">
              {result.problems.map((p) => (
                <List.Item key={`${p.field}:${p.message}`}>
                  <strong>{FIELD_LABEL[p.field]}:</strong> {p.message}
                </List.Item>
              ))}
            </List>
          </Alert>
        )}

        {result && (
          <>
            <Box>
              <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
                Assunto do e-mail
              </Text>
              <Text fw={600} data-testid="preview-subject">
                {result.subject || '—'}
              </Text>
            </Box>
            <Tabs defaultValue="html" keepMounted={false}>
              <Tabs.List>
                <Tabs.Tab value="html">E-mail</Tabs.Tab>
                <Tabs.Tab value="text">Texto</Tabs.Tab>
              </Tabs.List>
              <Tabs.Panel value="html" pt="xs">
                {result.html ? (
                  <MailFrame html={result.html} height={640} />
                ) : (
                  <Text c="dimmed" size="sm">
                    Nada para mostrar: escreva o HTML do e-mail (ou corrija o erro de sintaxe indicado acima).
                  </Text>
                )}
              </Tabs.Panel>
              <Tabs.Panel value="text" pt="xs">
                <Text size="xs" c="dimmed" mb={4}>
                  A parte em texto puro, para programas de e-mail que não mostram HTML.
                </Text>
                <Code block style={{ whiteSpace: 'pre-wrap', maxHeight: 640, overflow: 'auto' }}>
                  {result.text}
                </Code>
              </Tabs.Panel>
            </Tabs>
          </>
        )}
      </Stack>
    </Paper>
  );
}
