// What the check (or the import) found: the sentence, each rejected line as a clerk reads it (with
// the CSV report to download), the nossos números the bank sent that Régua does not know, and the
// bank's other occurrences, listed and not applied.
import { Alert, Button, List, ScrollArea, Table, Text } from '@mantine/core';
import {
  IconAlertCircle,
  IconAlertTriangle,
  IconCircleCheck,
  IconDownload,
  IconInfoCircle,
} from '@tabler/icons-react';
import type { ImportResult } from '../../../shared/contract/imports';
import { downloadText } from '../../lib/download';
import { formatDateBR, formatMoneyBR, plural } from '../../lib/format';

const SHOWN = 200;

export function RejectedLines({ result }: { result: ImportResult }) {
  const { rejected } = result;
  if (rejected.length === 0) return null;
  const lines = new Set(rejected.map((r) => r.line)).size;
  return (
    <section aria-label="Linhas com erro">
      <Alert
        color="red"
        icon={<IconAlertCircle />}
        title={`${plural(lines, 'linha com erro', 'linhas com erro')}${result.status === 'refused' && !result.dryRun ? ': nada foi importado' : ''}`}
      >
        <ScrollArea.Autosize mah={320}>
          <Table striped withTableBorder bg="var(--mantine-color-body)" aria-label="Linhas recusadas">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={70}>Linha</Table.Th>
                <Table.Th>Coluna</Table.Th>
                <Table.Th>Valor</Table.Th>
                <Table.Th>Problema</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rejected.slice(0, SHOWN).map((r, i) => (
                <Table.Tr key={i}>
                  <Table.Td>{r.line > 0 ? r.line : 'arquivo'}</Table.Td>
                  <Table.Td>{r.column || '—'}</Table.Td>
                  <Table.Td>{r.value}</Table.Td>
                  <Table.Td>{r.message}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea.Autosize>
        {rejected.length > SHOWN && (
          <Text size="sm" mt="xs">
            e mais {rejected.length - SHOWN}: baixe o relatório para ver todas.
          </Text>
        )}
        {result.rejectedCsv && (
          <Button
            mt="sm"
            size="xs"
            variant="default"
            leftSection={<IconDownload size={14} />}
            onClick={() => downloadText(`linhas-com-erro-${result.fileName}.csv`, result.rejectedCsv!)}
          >
            Baixar relatório (CSV)
          </Button>
        )}
      </Alert>
    </section>
  );
}

export function BankNotes({ result }: { result: ImportResult }) {
  if (result.unknownNossoNumeros.length === 0 && result.occurrences.length === 0) return null;
  return (
    <Alert color="yellow" icon={<IconInfoCircle />} title="Do retorno do banco">
      {result.unknownNossoNumeros.length > 0 && (
        <>
          <Text size="sm" fw={500}>
            Nossos números que não existem no Régua (importe as faturas e depois o retorno de novo):
          </Text>
          <List size="sm" mb="xs">
            {result.unknownNossoNumeros.slice(0, 50).map((u) => (
              <List.Item key={`${u.line}`}>
                linha {u.line}: {u.nossoNumero}, pago em {formatDateBR(u.date)},{' '}
                {formatMoneyBR(u.amountCents)}
              </List.Item>
            ))}
          </List>
        </>
      )}
      {result.occurrences.length > 0 && (
        <>
          <Text size="sm" fw={500}>
            Outras ocorrências (listadas, não aplicadas):
          </Text>
          <List size="sm">
            {result.occurrences.slice(0, 50).map((o) => (
              <List.Item key={`${o.line}`}>
                linha {o.line}: {o.nossoNumero} — {o.code} {o.description}
              </List.Item>
            ))}
          </List>
        </>
      )}
    </Alert>
  );
}

export function OutcomeSummary({ result }: { result: ImportResult }) {
  if (result.kind === 'regua-json') return null;
  const done = !result.dryRun;
  const refused = result.status === 'refused';
  return (
    <section aria-label={done ? 'Resultado da importação' : 'Prévia da importação'}>
      <Alert
        color={refused ? 'orange' : done ? 'green' : 'teal'}
        icon={refused ? <IconAlertTriangle /> : <IconCircleCheck />}
        title={
          done
            ? refused
              ? 'Nada foi importado'
              : 'Importação concluída'
            : refused
              ? 'O arquivo tem linhas com erro'
              : 'Arquivo conferido: veja o que será importado'
        }
      >
        <Text size="sm" data-testid="import-summary">
          {result.summary}
        </Text>
        {result.paymentsRefreshed.length > 0 && (
          <Text size="sm">Pagamentos atualizados: {result.paymentsRefreshed.join(', ')}.</Text>
        )}
      </Alert>
    </section>
  );
}
