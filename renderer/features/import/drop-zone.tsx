// Where a file is chosen: dragged from the file manager onto the zone, or picked with the button.
// Any name is accepted (bank retornos come as .ret, .txt, .crt…): the content says what it is.
import { Button, FileButton, Group, Paper, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconFileImport, IconUpload } from '@tabler/icons-react';
import { useRef, useState } from 'react';

export function DropZone({ onFile, fileName }: { onFile: (file: File) => void; fileName: string | null }) {
  const [over, setOver] = useState(false);
  // The same file picked again (fixed and saved under the same name) must count as a new choice.
  const reset = useRef<() => void>(null);
  return (
    <Paper
      withBorder
      p="lg"
      radius="md"
      aria-label="Arquivo a importar"
      component="section"
      style={{
        borderStyle: 'dashed',
        borderWidth: 2,
        borderColor: over ? 'var(--mantine-color-blue-6)' : undefined,
        background: over ? 'var(--mantine-color-blue-light)' : undefined,
      }}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        const file = e.dataTransfer.files[0];
        if (file) onFile(file);
      }}
    >
      <Group wrap="nowrap" gap="lg">
        <ThemeIcon size={48} variant="light" radius="xl">
          <IconFileImport size={28} />
        </ThemeIcon>
        <Stack gap={4} style={{ flex: 1 }}>
          <Text fw={600}>{fileName ?? 'Arraste o arquivo para cá'}</Text>
          <Text size="sm" c="dimmed">
            Planilha do ERP (CSV ou XLSX), retorno do banco (CNAB 240 ou 400) ou documento regua/v1 (JSON). O
            tipo é reconhecido pelo conteúdo; nada é gravado antes de você conferir.
          </Text>
        </Stack>
        <FileButton
          resetRef={reset}
          onChange={(file) => {
            if (file) onFile(file);
            reset.current?.();
          }}
        >
          {(props) => (
            <Button {...props} variant="light" leftSection={<IconUpload size={16} />}>
              {fileName ? 'Escolher outro arquivo' : 'Escolher arquivo'}
            </Button>
          )}
        </FileButton>
      </Group>
    </Paper>
  );
}
