// Verificar domínio: SPF, DKIM and DMARC of the sender domain as the customers' providers see them,
// each with a plain answer and, when something is missing or wrong, the exact record to publish.
// What was found in the DNS and the technical detail stay behind "Detalhes".
import { Alert, Anchor, Badge, Button, Card, Code, Collapse, Group, Stack, Text, Title } from '@mantine/core';
import { IconWorldSearch } from '@tabler/icons-react';
import { useState } from 'react';
import type { CheckState, DomainCheck, DomainCheckItem } from '../../../shared/contract/deliverability';
import { call } from '../../api';
import { formatDateTimeBR } from '../../lib/format';
import { DnsRecord } from './dns-record';

const STATE: Record<CheckState, { label: string; color: string }> = {
  ok: { label: 'OK', color: 'teal' },
  warning: { label: 'Atenção', color: 'yellow' },
  missing: { label: 'Falta publicar', color: 'orange' },
  wrong: { label: 'Errado', color: 'red' },
  error: { label: 'Sem resposta', color: 'gray' },
};
const NAMES = { spf: 'SPF', dkim: 'DKIM', dmarc: 'DMARC' } as const;
const WHAT = {
  spf: 'quais servidores podem enviar e-mails pelo domínio',
  dkim: 'a assinatura que prova que o e-mail é seu',
  dmarc: 'o que os provedores fazem com e-mails que falham nas duas verificações',
} as const;

function CheckItem({ item, domain }: { item: DomainCheckItem; domain: string }) {
  const [details, setDetails] = useState(false);
  const state = STATE[item.state];
  const hasDetails = item.found.length > 0 || !!item.detail;
  return (
    <Card withBorder padding="sm" component="section" aria-label={`${NAMES[item.kind]}: ${state.label}`}>
      <Group justify="space-between" wrap="nowrap" mb={4}>
        <div>
          <Text fw={600}>{NAMES[item.kind]}</Text>
          <Text size="xs" c="dimmed">
            {WHAT[item.kind]}
          </Text>
        </div>
        <Badge color={state.color} variant="light">
          {state.label}
        </Badge>
      </Group>
      <Text size="sm">{item.summary}</Text>
      {item.publish && (
        <Stack gap={4} mt="xs">
          <Text size="sm" fw={500}>
            Publique no DNS:
          </Text>
          <DnsRecord record={item.publish} label={`Registro ${NAMES[item.kind]} a publicar`} zone={domain} />
        </Stack>
      )}
      {hasDetails && (
        <>
          <Group mt="xs">
            <Anchor component="button" type="button" size="xs" onClick={() => setDetails((d) => !d)}>
              {details ? 'Ocultar detalhes' : 'Detalhes'}
            </Anchor>
          </Group>
          <Collapse expanded={details}>
            <Stack gap={4} mt={4}>
              {item.found.length > 0 && (
                <>
                  <Text size="xs" c="dimmed">
                    Encontrado no DNS:
                  </Text>
                  {item.found.map((f) => (
                    <Code key={f} block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
                      {f}
                    </Code>
                  ))}
                </>
              )}
              {item.detail && (
                <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
                  {item.detail}
                </Code>
              )}
            </Stack>
          </Collapse>
        </>
      )}
    </Card>
  );
}

export function DomainCheckSection({ accountId, domain }: { accountId: string; domain: string }) {
  const [result, setResult] = useState<DomainCheck | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function check() {
    setBusy(true);
    setError(null);
    try {
      setResult(await call('smtp.checkDomain', { id: accountId }));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Stack gap="sm" component="section" aria-label="Verificação do domínio">
      <Group justify="space-between">
        <Title order={4}>Domínio {domain}</Title>
        <Button leftSection={<IconWorldSearch size={16} />} loading={busy} onClick={() => void check()}>
          Verificar domínio
        </Button>
      </Group>
      {!result && !error && (
        <Text size="sm" c="dimmed">
          Confere no DNS os registros SPF, DKIM e DMARC do domínio do remetente e diz o que falta publicar
          para as cobranças não caírem no spam.
        </Text>
      )}
      {error && (
        <Alert color="red" title="Não foi possível verificar">
          {error}
        </Alert>
      )}
      {result && (
        <>
          <Alert
            color={result.ok ? 'teal' : 'orange'}
            title={result.ok ? 'Domínio pronto' : 'Falta acertar o domínio'}
          >
            {result.summary}
            <Text size="xs" c="dimmed" mt={4}>
              Verificado em {formatDateTimeBR(result.checkedAt)}.
            </Text>
          </Alert>
          {result.items.map((item) => (
            <CheckItem key={item.kind} item={item} domain={result.domain} />
          ))}
        </>
      )}
    </Stack>
  );
}
