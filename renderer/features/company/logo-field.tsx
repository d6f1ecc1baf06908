// The company logo in Empresa: a PNG or SVG file, drawn here on white into an opaque RGB PNG no larger
// than LOGO_BOX (mail clients block SVG; the PDF copies an opaque PNG as it is, see shared/logo.ts),
// checked with the same rule the server applies, and kept in the form as a data URL until Salvar.
import { Button, FileButton, Group, Image, Input, Paper, Stack, Text } from '@mantine/core';
import { IconPhotoUp, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { LOGO_BOX, readLogo } from '../../../shared/logo';
import { encodeOpaquePng } from '../../../shared/png';

const MAX_FILE_BYTES = 2 * 1024 * 1024;
const ACCEPT = 'image/png,image/svg+xml';

const readAsDataUrl = (file: Blob) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(new Error('não foi possível ler o arquivo'));
    reader.readAsDataURL(file);
  });

const loadImage = (url: string) =>
  new Promise<HTMLImageElement>((resolve, reject) => {
    const img = document.createElement('img');
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('o arquivo não é uma imagem que o navegador consiga abrir'));
    img.src = url;
  });

// CompressionStream's "deflate" is zlib-wrapped, which is what a PNG's image data holds.
const deflate = async (bytes: Uint8Array) => {
  const input = new Blob([new Uint8Array(bytes)]).stream().pipeThrough(new CompressionStream('deflate'));
  return new Uint8Array(await new Response(input).arrayBuffer());
};

const toBase64 = (bytes: Uint8Array) => {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
};

/** The file drawn on white into an RGB PNG data URL that fits LOGO_BOX. */
async function toLogo(file: File): Promise<string> {
  const isSvg = file.type === 'image/svg+xml' || /\.svg$/i.test(file.name);
  const isPng = file.type === 'image/png' || /\.png$/i.test(file.name);
  if (!isSvg && !isPng) throw new Error('escolha uma imagem PNG ou SVG');
  if (file.size > MAX_FILE_BYTES) throw new Error('arquivo grande demais (máximo 2 MB)');
  const original = await readAsDataUrl(isSvg ? new Blob([file], { type: 'image/svg+xml' }) : file);
  const img = await loadImage(original);
  // An SVG without width and height has no natural size here: draw it to fill the box.
  const width = img.naturalWidth || LOGO_BOX.width;
  const height = img.naturalHeight || LOGO_BOX.height;
  const scale = Math.min(1, LOGO_BOX.width / width, LOGO_BOX.height / height);
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(width * scale));
  canvas.height = Math.max(1, Math.round(height * scale));
  const context = canvas.getContext('2d')!;
  context.drawImage(img, 0, 0, canvas.width, canvas.height);
  const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
  const png = await encodeOpaquePng(canvas.width, canvas.height, data, deflate);
  return `data:image/png;base64,${toBase64(png)}`;
}

export function LogoField({
  value,
  onChange,
  error,
}: {
  value: string | null | undefined;
  onChange: (value: string | null) => void;
  error?: string;
}) {
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const choose = async (file: File | null) => {
    if (!file) return;
    setProblem(null);
    setBusy(true);
    try {
      const logo = await toLogo(file);
      const checked = readLogo(logo);
      if (!checked.ok) throw new Error(checked.error);
      onChange(logo);
    } catch (e) {
      setProblem((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Input.Wrapper
      label="Logotipo"
      description="PNG ou SVG. Aparece no PDF da fatura e no topo dos e-mails."
      error={problem ?? error}
    >
      <Stack gap="xs" mt={6}>
        {value && (
          <Paper withBorder p="xs" w="fit-content">
            <Image src={value} alt="Logotipo da empresa" h={48} w="auto" fit="contain" />
          </Paper>
        )}
        <Group gap="xs">
          <FileButton onChange={(f) => void choose(f)} accept={ACCEPT}>
            {(props) => (
              <Button {...props} variant="default" leftSection={<IconPhotoUp size={16} />} loading={busy}>
                {value ? 'Trocar logotipo' : 'Enviar logotipo'}
              </Button>
            )}
          </FileButton>
          {value && (
            <Button
              variant="subtle"
              color="red"
              leftSection={<IconTrash size={16} />}
              onClick={() => {
                setProblem(null);
                onChange(null);
              }}
            >
              Remover
            </Button>
          )}
        </Group>
        {!value && (
          <Text size="xs" c="dimmed">
            Sem logotipo, os e-mails mostram o nome da empresa.
          </Text>
        )}
      </Stack>
    </Input.Wrapper>
  );
}
