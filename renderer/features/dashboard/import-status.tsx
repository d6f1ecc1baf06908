// The latest "Importar arquivos" run: which files it took from the folder and what became of them.
import { Alert, List, Text } from '@mantine/core';
import { IconFileImport } from '@tabler/icons-react';
import type { DashboardSummary } from '../../../shared/contract/overview';
import { formatInstant } from '../../lib/format';

export function ImportStatus({ summary }: { summary: DashboardSummary }) {
  const run = summary.lastImport;
  if (!run) return null;
  const failed =
    run.status === 'aborted' || run.files?.some((f) => f.status === 'refused' || f.status === 'error');
  return (
    <Alert
      color={failed ? 'red' : 'gray'}
      variant="light"
      icon={<IconFileImport size={20} />}
      title={`Última importação de arquivos: ${formatInstant(run.startedAt, summary.timezone)} — ${run.description}`}
      aria-label="Última importação de arquivos"
    >
      {run.reason && <Text size="sm">{run.reason}</Text>}
      {run.files && run.files.length > 0 && (
        <List size="sm" mt={4}>
          {run.files.map((f) => (
            <List.Item key={f.name}>
              {f.name}: {f.summary}
              {f.movedTo ? ` (${f.movedTo})` : ''}
            </List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
