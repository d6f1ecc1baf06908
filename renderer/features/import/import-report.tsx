// What Verificar found: the errors, each with its JSON path, or what the import would create/update.
import { Alert, Code, Table, Text } from '@mantine/core';
import { IconAlertCircle, IconCircleCheck } from '@tabler/icons-react';
import type { DocumentError, ImportSummary } from '../../../shared/records';
import { summaryRows } from './sections';

export function ErrorReport({ errors }: { errors: DocumentError[] }) {
  const count = errors.length === 1 ? '1 erro' : `${errors.length.toLocaleString('pt-BR')} erros`;
  return (
    <section aria-label="Erros do documento">
      <Alert color="red" icon={<IconAlertCircle />} title={`O documento tem ${count}: nada será importado`}>
        <Text size="sm" mb="sm">
          Corrija cada item no arquivo (o caminho diz onde ele está) e clique em Verificar de novo.
        </Text>
        <Table.ScrollContainer minWidth={500} maxHeight={420}>
          <Table striped withTableBorder bg="var(--mantine-color-body)" aria-label="Erros encontrados">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w="35%">Caminho</Table.Th>
                <Table.Th>Erro</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {errors.map((e, i) => (
                <Table.Tr key={`${e.path}-${i}`}>
                  <Table.Td>
                    <Code>{e.path}</Code>
                  </Table.Td>
                  <Table.Td>{e.message}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Alert>
    </section>
  );
}

export function SummaryPreview({ summary, applied }: { summary: ImportSummary; applied: boolean }) {
  const rows = summaryRows(summary);
  return (
    <section aria-label={applied ? 'Resultado da importação' : 'Prévia da importação'}>
      <Alert
        color={applied ? 'green' : 'teal'}
        icon={<IconCircleCheck />}
        title={applied ? 'Importação concluída' : 'Documento válido: confira o que será importado'}
      >
        {rows.length === 0 ? (
          <Text size="sm">O documento não traz nenhum registro.</Text>
        ) : (
          <Table withTableBorder bg="var(--mantine-color-body)" maw={560} aria-label="Registros por seção">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Seção</Table.Th>
                <Table.Th ta="right">{applied ? 'Incluídos' : 'Novos'}</Table.Th>
                <Table.Th ta="right">{applied ? 'Atualizados' : 'Atualizações'}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.key}>
                  <Table.Td>{r.label}</Table.Td>
                  <Table.Td ta="right">{r.created.toLocaleString('pt-BR')}</Table.Td>
                  <Table.Td ta="right">{r.updated.toLocaleString('pt-BR')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Alert>
    </section>
  );
}
