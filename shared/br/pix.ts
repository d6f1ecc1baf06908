// PIX copia e cola (EMV BR Code). Validity and the fields come from @brazilian-utils'
// getPixPayloadInfo (TLV, mandatory objects 00/26/52/53=986/58/59/60, CRC16 in 63, amount 54);
// when it says no, a short TLV walk here finds the reason to show a clerk. The CRC below exists
// only for that message: the library keeps its own private.
import { generatePixPayload, getPixPayloadInfo } from '@brazilian-utils/brazilian-utils';
import { invalid, valid, type Checked } from './checked';

export interface PixCode {
  payload: string;
  /** Tag 54; null when the payer types the amount or the code is dynamic (the PSP says it). */
  amountCents: number | null;
  merchantName: string;
  merchantCity: string;
  key: string | null;
  url: string | null;
  txid: string | null;
}

/** CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF) over the UTF-8 bytes, as the BR Code asks. */
export function crc16(payload: string): string {
  let crc = 0xffff;
  for (const byte of new TextEncoder().encode(payload)) {
    crc ^= byte << 8;
    for (let i = 0; i < 8; i++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
}

/** Top-level TLV objects in order, or null when a length does not fit. */
function readTlv(text: string): { tag: string; value: string; start: number }[] | null {
  const out: { tag: string; value: string; start: number }[] = [];
  for (let i = 0; i < text.length;) {
    const tag = text.slice(i, i + 2);
    const length = text.slice(i + 2, i + 4);
    if (!/^\d\d$/.test(tag) || !/^\d\d$/.test(length) || i + 4 + Number(length) > text.length) return null;
    out.push({ tag, value: text.slice(i + 4, i + 4 + Number(length)), start: i });
    i += 4 + Number(length);
  }
  return out;
}

const MANDATORY: [string, string][] = [
  ['52', 'categoria do recebedor'],
  ['53', 'moeda'],
  ['58', 'país'],
  ['59', 'nome do recebedor'],
  ['60', 'cidade do recebedor'],
];

function whyInvalid(payload: string): string {
  const prefix = 'PIX copia e cola inválido';
  const objects = readTlv(payload);
  if (!objects) return `${prefix}: estrutura quebrada (o código foi cortado ou alterado?)`;
  const byTag = new Map(objects.map((o) => [o.tag, o.value]));
  if (byTag.get('00') !== '01') return `${prefix}: deve começar com 000201`;
  const hasPix = objects.some(
    (o) =>
      Number(o.tag) >= 26 &&
      Number(o.tag) <= 51 &&
      readTlv(o.value)?.some((s) => s.tag === '00' && s.value.toLowerCase() === 'br.gov.bcb.pix'),
  );
  if (!hasPix) return `${prefix}: falta o campo 26 com br.gov.bcb.pix e a chave`;
  for (const [tag, what] of MANDATORY)
    if (!byTag.get(tag)) return `${prefix}: falta o campo ${tag} (${what})`;
  if (byTag.get('53') !== '986') return `${prefix}: moeda (campo 53) deve ser 986, o real`;
  if (byTag.get('58')?.toUpperCase() !== 'BR') return `${prefix}: país (campo 58) deve ser BR`;
  const last = objects.at(-1)!;
  if (last.tag !== '63' || last.value.length !== 4)
    return `${prefix}: falta o CRC (campo 63) no fim do código`;
  if (crc16(payload.slice(0, last.start + 4)) !== last.value.toUpperCase())
    return `${prefix}: o CRC (campo 63) não confere — o código foi alterado ou copiado pela metade`;
  const amount = byTag.get('54');
  if (amount !== undefined && !/^\d+(\.\d{1,2})?$/.test(amount))
    return `${prefix}: valor (campo 54) mal escrito: ${amount}`;
  return prefix;
}

export function parsePixCode(input: string): Checked<PixCode> {
  if (typeof input !== 'string') return invalid('PIX copia e cola inválido');
  const payload = input.trim();
  if (payload === '') return invalid('informe o PIX copia e cola');
  const info = getPixPayloadInfo(payload);
  if (!info) return invalid(whyInvalid(payload));
  return valid({
    payload,
    amountCents: info.amount === undefined ? null : Math.round(info.amount * 100),
    merchantName: info.merchantName,
    merchantCity: info.merchantCity,
    key: info.key ?? null,
    url: info.url ?? null,
    txid: info.txid ?? null,
  });
}

export interface PixCodeInput {
  key: string;
  merchantName: string;
  merchantCity: string;
  amountCents?: number | null;
  txid?: string;
}

/** A static BR Code (built by @brazilian-utils). Throws when the library refuses the input. */
export function buildPixCode({ key, merchantName, merchantCity, amountCents, txid }: PixCodeInput): string {
  const payload = generatePixPayload({
    key,
    merchantName,
    merchantCity,
    ...(amountCents ? { amount: amountCents / 100 } : {}),
    ...(txid ? { txid } : {}),
  });
  if (!payload) throw new RangeError('PIX payload refused: check the key and the txid');
  return payload;
}
