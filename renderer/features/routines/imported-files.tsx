// What an "Importar arquivos" run did with each file of its folder (Simular, Executar agora).
import { Badge, Table, Text } from '@mantine/core';
import type { ImportedFile } from '../../../shared/records';

export const FILE_STATUS: Record<ImportedFile['status'], { label: string; color: string }> = {
  imported: { label: 'importado', color: 'green' },
  unchanged: { label: 'nada mudou', color: 'gray' },
  refused: { label: 'recusado', color: 'red' },
  error: { label: 'não lido', color: 'orange' },
};

export function ImportedFilesTable({ files, dryRun }: { files: ImportedFile[]; dryRun?: boolean }) {
  if (files.length === 0)
    return (
      <Text c="dimmed" size="sm">
        Nenhum arquivo novo na pasta.
      </Text>
    );
  return (
    <Table striped withTableBorder aria-label="Arquivos da pasta">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Arquivo</Table.Th>
          <Table.Th>Situação</Table.Th>
          <Table.Th>Resultado</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {files.map((f) => (
          <Table.Tr key={f.name}>
            <Table.Td>
              <Text size="sm">{f.name}</Text>
              {f.movedTo && (
                <Text size="xs" c="dimmed">
                  movido para {f.movedTo}
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <Badge color={FILE_STATUS[f.status].color} variant="light">
                {dryRun && f.status === 'imported' ? 'seria importado' : FILE_STATUS[f.status].label}
              </Badge>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{f.summary}</Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
