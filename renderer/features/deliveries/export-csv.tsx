// Exportar CSV: main builds the file (every page of the current filters); the page saves it.
import { Button } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import type { Input } from '../../../shared/api';
import { call } from '../../api';
import { toastError } from '../../lib/forms';

function download(filename: string, content: string) {
  // The content starts with a BOM; the Blob stores the string as UTF-8, which Excel pt-BR expects.
  const url = URL.createObjectURL(new Blob([content], { type: 'text/csv;charset=utf-8' }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = filename;
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function ExportCsvButton({ filters }: { filters: Input<'deliveries.csv'> }) {
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const file = await call('deliveries.csv', filters);
      download(file.filename, file.content);
    } catch (e) {
      toastError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      variant="default"
      leftSection={<IconDownload size={16} />}
      loading={busy}
      onClick={() => void run()}
    >
      Exportar CSV
    </Button>
  );
}
