// The company logo, kept in the company settings as a PNG data URL: small enough to ride in every
// e-mail and to be rewritten with the settings. The Empresa screen accepts PNG or SVG and draws either
// on white into an 8-bit RGB PNG of at most LOGO_BOX pixels (shared/png.ts) before saving: mail clients
// block SVG images, and the PDF library copies an opaque PNG as it is but must decode and split one
// with transparency for every invoice (20 ms each). So only opaque, non-interlaced PNGs are accepted.
import { z } from 'zod';

export const LOGO_MAX_BYTES = 100 * 1024;
/** The largest the screen draws a logo, in pixels: sharp on the PDF and in a mail header. */
export const LOGO_BOX = { width: 600, height: 240 } as const;
const LOGO_MAX_SIDE = 2000;
const PREFIX = 'data:image/png;base64,';
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export interface LogoImage {
  bytes: Uint8Array;
  width: number;
  height: number;
}

/** Decodes a logo data URL; a message in Portuguese when it is not a PNG the program can use. */
export function readLogo(dataUrl: string): { ok: true; value: LogoImage } | { ok: false; error: string } {
  if (!dataUrl.startsWith(PREFIX)) return { ok: false, error: 'logotipo deve ser uma imagem PNG ou SVG' };
  const base64 = dataUrl.slice(PREFIX.length);
  // Base64 grows by 4/3: refuse an oversized one before decoding it.
  if (base64.length > Math.ceil(LOGO_MAX_BYTES / 3) * 4 || base64.length === 0) return tooLarge();
  let binary: string;
  try {
    binary = atob(base64);
  } catch {
    return { ok: false, error: 'logotipo inválido: a imagem está corrompida' };
  }
  if (binary.length > LOGO_MAX_BYTES) return tooLarge();
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  // The signature, then the IHDR chunk: width and height as 4-byte big-endian numbers.
  if (bytes.length < 24 || PNG_SIGNATURE.some((b, i) => bytes[i] !== b))
    return { ok: false, error: 'logotipo inválido: o arquivo não é uma imagem PNG' };
  const view = new DataView(bytes.buffer);
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  if (width === 0 || height === 0 || width > LOGO_MAX_SIDE || height > LOGO_MAX_SIDE)
    return {
      ok: false,
      error: `logotipo com tamanho inválido (${width}×${height} pixels; máximo ${LOGO_MAX_SIDE} pixels de lado)`,
    };
  if (!opaque(bytes, view))
    return {
      ok: false,
      error:
        'logotipo com transparência ou em formato de PNG não suportado: envie a imagem pela tela Empresa, que a converte para fundo branco',
    };
  return { ok: true, value: { bytes, width, height } };
}

/** 8-bit grey, RGB or palette, not interlaced, and no tRNS chunk before the image data. */
function opaque(bytes: Uint8Array, view: DataView): boolean {
  const [depth, colourType, , , interlace] = [bytes[24], bytes[25], bytes[26], bytes[27], bytes[28]];
  if (depth !== 8 || ![0, 2, 3].includes(colourType!) || interlace !== 0) return false;
  for (let at = 8; at + 8 <= bytes.length;) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    if (type === 'tRNS') return false;
    if (type === 'IDAT' || type === 'IEND') return true;
    at += 12 + length;
  }
  return false;
}

const tooLarge = () => ({
  ok: false as const,
  error: `logotipo grande demais (máximo ${LOGO_MAX_BYTES / 1024} KB): use uma imagem menor ou mais simples`,
});

export const logoSchema = z
  .string({ error: 'logotipo deve ser uma imagem PNG ou SVG' })
  .superRefine((value, ctx) => {
    const result = readLogo(value);
    if (!result.ok) ctx.addIssue({ code: 'custom', message: result.error });
  });
