// One captured message: its headers, the HTML in a sandboxed frame (no scripts, no same-origin) and the text part.
import { Alert, Badge, Card, Group, Loader, Stack, Tabs, Text, Title } from '@mantine/core';
import { IconPaperclip } from '@tabler/icons-react';
import { formatInstant } from '../../lib/format';
import { useCompanyTimezone } from '../../lib/use-timezone';
import { useApi } from '../../lib/use-api';

const kb = (bytes: number) => `${Math.max(1, Math.round(bytes / 1024))} KB`;

export function MessageViewer({ id }: { id: string }) {
  const message = useApi('inbox.get', { id }, { live: false });
  const timezone = useCompanyTimezone();
  if (message.error)
    return (
      <Alert color="red" title="Não foi possível abrir a mensagem">
        {message.error}
      </Alert>
    );
  const m = message.data;
  if (!m || m.id !== id) return <Loader aria-label="Carregando mensagem" />;
  return (
    <Card withBorder padding="md" component="section" aria-label="Mensagem selecionada">
      <Stack gap={6}>
        <Title order={3} size="h4">
          {m.subject || '(sem assunto)'}
        </Title>
        <Text size="sm">
          <b>De:</b> {m.from}
        </Text>
        <Text size="sm">
          <b>Para:</b> {m.to.join(', ')}
        </Text>
        <Text size="sm">
          <b>Recebido em:</b> {formatInstant(m.receivedAt, timezone)}
        </Text>
        {m.attachments.length > 0 && (
          <Group gap={6}>
            {m.attachments.map((a, i) => (
              <Badge key={i} variant="light" leftSection={<IconPaperclip size={12} />}>
                {a.filename} ({kb(a.size)})
              </Badge>
            ))}
          </Group>
        )}
      </Stack>
      <Tabs defaultValue={m.html ? 'html' : 'text'} mt="md">
        <Tabs.List>
          <Tabs.Tab value="html" disabled={!m.html}>
            HTML
          </Tabs.Tab>
          <Tabs.Tab value="text">Texto</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="html" pt="sm">
          <iframe
            sandbox=""
            srcDoc={m.html}
            title="Conteúdo HTML da mensagem"
            style={{
              width: '100%',
              height: 560,
              border: '1px solid var(--mantine-color-gray-3)',
              borderRadius: 8,
            }}
          />
        </Tabs.Panel>
        <Tabs.Panel value="text" pt="sm">
          <Text
            component="pre"
            size="sm"
            aria-label="Texto da mensagem"
            style={{ whiteSpace: 'pre-wrap', fontFamily: 'var(--mantine-font-family-monospace)', margin: 0 }}
          >
            {m.text || '(sem parte em texto)'}
          </Text>
        </Tabs.Panel>
      </Tabs>
    </Card>
  );
}
