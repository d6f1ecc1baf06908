// The images an e-mail carries inline (CID parts): the PIX QR code and the company logo. A layout
// refers to them through {{fatura.pixQrCode}} and {{empresa.logo}}, which render as `cid:…`; only the
// images the rendered HTML refers to are attached, so a layout that shows neither carries neither.
// Previews show the same HTML with the images as data URLs, since a screen cannot resolve `cid:`.
import { readLogo } from '../../shared/logo';
import { INLINE_IMAGE_CIDS } from '../../shared/template-variables';
import type { TemplateContext } from './layouts';
import { loadQrCode, qrPng, qrSymbol } from './qr-code';

export interface InlineImage {
  cid: string;
  filename: string;
  content: Buffer;
}

/** Pixels across the QR code image: sharp when a layout shows it at 180-240 CSS pixels. */
const QR_PIXELS = 360;

/** PNG of the PIX code's QR, with the four-module quiet zone the QR standard asks for. */
export async function pixQrPng(pixCode: string): Promise<Buffer> {
  return qrPng(qrSymbol(pixCode, await loadQrCode()), 4, QR_PIXELS);
}

const refersTo = (html: string, cid: string) => html.includes(`cid:${cid}`);

/** The inline images `html` refers to, in a fixed order (the message bytes depend on it). */
export async function inlineImages(html: string, context: TemplateContext): Promise<InlineImage[]> {
  const images: InlineImage[] = [];
  const logo = context.company?.logo ? readLogo(context.company.logo) : null;
  if (logo?.ok && refersTo(html, INLINE_IMAGE_CIDS.logo))
    images.push({
      cid: INLINE_IMAGE_CIDS.logo,
      filename: 'logotipo.png',
      content: Buffer.from(logo.value.bytes),
    });
  const pix = context.invoice.pixCode?.trim();
  if (pix && refersTo(html, INLINE_IMAGE_CIDS.pixQrCode))
    images.push({
      cid: INLINE_IMAGE_CIDS.pixQrCode,
      filename: 'pix-qrcode.png',
      content: await pixQrPng(pix),
    });
  return images;
}

/** The HTML with each inline image it refers to written in as a data URL, for showing on a screen. */
export async function withImagesInline(html: string, context: TemplateContext): Promise<string> {
  let out = html;
  for (const image of await inlineImages(html, context))
    out = out.split(`cid:${image.cid}`).join(`data:image/png;base64,${image.content.toString('base64')}`);
  return out;
}
