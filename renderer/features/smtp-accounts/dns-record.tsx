// A DNS record to publish, laid out as DNS panels ask for it (type, name, value), each with a copy
// button: the value of a DKIM key is 400 characters nobody should retype.
import { Button, Code, CopyButton, Group, Stack, Text } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import type { DnsRecordView } from '../../../shared/contract/deliverability';

function CopyField({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Group justify="space-between" gap="xs" mb={2}>
        <Text size="xs" fw={600} c="dimmed">
          {label}
        </Text>
        <CopyButton value={value}>
          {({ copied, copy }) => (
            <Button
              size="compact-xs"
              variant={copied ? 'filled' : 'light'}
              color={copied ? 'teal' : undefined}
              leftSection={copied ? <IconCheck size={12} /> : <IconCopy size={12} />}
              onClick={copy}
              aria-label={`Copiar ${label.toLowerCase()}`}
            >
              {copied ? 'Copiado' : 'Copiar'}
            </Button>
          )}
        </CopyButton>
      </Group>
      <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
        {value}
      </Code>
    </div>
  );
}

/** The name as panels that add the domain themselves want it: "@" for the domain itself. */
function relativeName(name: string, zone: string): string | null {
  if (!zone || !name.endsWith(zone)) return null;
  return name === zone ? '@' : name.slice(0, -(zone.length + 1));
}

export function DnsRecord({ record, label, zone }: { record: DnsRecordView; label?: string; zone?: string }) {
  const relative = zone ? relativeName(record.name, zone) : null;
  return (
    <Stack gap={6} aria-label={label ?? `Registro ${record.type} ${record.name}`} role="group">
      <Text size="sm">
        Tipo <b>{record.type}</b>
      </Text>
      <CopyField label="Nome" value={record.name} />
      {relative && (
        <Text size="xs" c="dimmed" mt={-4}>
          Se o painel do DNS de {zone} completa o nome com o domínio sozinho, use só <b>{relative}</b>
          {relative === '@' ? ' (ou deixe o nome em branco)' : ''}.
        </Text>
      )}
      <CopyField label="Valor" value={record.value} />
    </Stack>
  );
}
