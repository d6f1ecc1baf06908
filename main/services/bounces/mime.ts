// Just enough MIME to read a bounce: headers (unfolded, encoded words decoded), the tree of parts of a
// multipart/report, and part bodies decoded from base64 or quoted-printable. mailparser folds
// message/delivery-status parts away, and a DSN is only read through them.
import { windows1252 } from '../import/decode';

export interface MimePart {
  /** Lower-cased header names → raw values, unfolded, in order. */
  headers: Map<string, string[]>;
  /** "type/subtype", lower case; text/plain when absent. */
  type: string;
  params: Record<string, string>;
  /** The decoded body as text (charset applied when known). */
  text: string;
  children: MimePart[];
}

const MAX_DEPTH = 6;

export function header(part: Pick<MimePart, 'headers'>, name: string): string | null {
  return part.headers.get(name.toLowerCase())?.[0] ?? null;
}

/** Header block → map; folded lines joined with one space. */
export function parseHeaders(block: string): Map<string, string[]> {
  const headers = new Map<string, string[]>();
  const unfolded = block.replace(/\r?\n[ \t]+/g, ' ');
  for (const line of unfolded.split(/\r?\n/)) {
    const at = line.indexOf(':');
    if (at <= 0) continue;
    const name = line.slice(0, at).trim().toLowerCase();
    const value = line.slice(at + 1).trim();
    headers.set(name, [...(headers.get(name) ?? []), value]);
  }
  return headers;
}

/** Splits "headers \n\n body" at the first blank line. */
export function splitMessage(text: string): { head: string; body: string } {
  const match = /\r?\n\r?\n/.exec(text);
  if (!match) return { head: text, body: '' };
  return { head: text.slice(0, match.index), body: text.slice(match.index + match[0].length) };
}

function contentType(value: string | null): { type: string; params: Record<string, string> } {
  if (!value) return { type: 'text/plain', params: {} };
  const [type = 'text/plain', ...rest] = value.split(';');
  const params: Record<string, string> = {};
  const re = /([\w*-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/g;
  for (const m of rest.join(';').matchAll(re))
    params[m[1]!.toLowerCase()] = (m[2] ?? m[3] ?? '').replace(/\\(.)/g, '$1');
  return { type: type.trim().toLowerCase(), params };
}

function decodeQuotedPrintable(s: string): Buffer {
  const bytes: number[] = [];
  const text = s.replace(/=\r?\n/g, '');
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else for (const b of Buffer.from(c, 'latin1')) bytes.push(b);
  }
  return Buffer.from(bytes);
}

/** The labels WHATWG decodes as windows-1252 (Node 20 decodes them as Latin-1: see windows1252). */
const CP1252_LABELS = /^(windows-1252|cp1252|x-cp1252|iso-8859-1|iso8859-1|latin1|l1|us-ascii|ascii)$/i;

function decodeText(bytes: Buffer, charset: string | undefined): string {
  if (charset && CP1252_LABELS.test(charset.trim())) return windows1252(bytes);
  try {
    return new TextDecoder(charset || 'utf-8').decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

/** "=?UTF-8?B?...?=" and "=?ISO-8859-1?Q?...?=" words of a header value. */
export function decodeWords(value: string): string {
  return value
    .replace(/(=\?[^?]+\?[BbQq]\?[^?]*\?=)\s+(?==\?)/g, '$1')
    .replace(
      /=\?([^?*]+)(?:\*[^?]*)?\?([BbQq])\?([^?]*)\?=/g,
      (_, charset: string, enc: string, data: string) => {
        const bytes =
          enc.toUpperCase() === 'B'
            ? Buffer.from(data, 'base64')
            : decodeQuotedPrintable(data.replace(/_/g, ' '));
        return decodeText(bytes, charset);
      },
    );
}

/** The raw body is read as latin1 so bytes survive until the part's charset is known. */
export function parseMime(raw: Buffer | string, depth = 0): MimePart {
  const source = typeof raw === 'string' ? raw : raw.toString('latin1');
  const { head, body } = splitMessage(source);
  const headers = parseHeaders(head);
  const { type, params } = contentType(header({ headers }, 'content-type'));
  const part: MimePart = { headers, type, params, text: '', children: [] };
  if (type.startsWith('multipart/') && params.boundary && depth < MAX_DEPTH) {
    const delimiter = `--${params.boundary}`;
    const pieces = body.split(new RegExp(`^${escapeRegExp(delimiter)}(?:--)?[ \\t]*\\r?$`, 'm'));
    // pieces[0] is the preamble; after a closing delimiter comes the epilogue (a cut message has none).
    const closed = new RegExp(`^${escapeRegExp(delimiter)}--`, 'm').test(body);
    for (const piece of pieces.slice(1, closed ? -1 : undefined))
      part.children.push(parseMime(piece.replace(/^\r?\n/, ''), depth + 1));
    return part;
  }
  const encoding = (header({ headers }, 'content-transfer-encoding') ?? '').toLowerCase();
  const bytes =
    encoding === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64')
      : encoding === 'quoted-printable'
        ? decodeQuotedPrintable(body)
        : Buffer.from(body, 'latin1');
  part.text = decodeText(bytes, params.charset);
  if ((type === 'message/rfc822' || type === 'message/global') && depth < MAX_DEPTH)
    part.children.push(parseMime(bytes, depth + 1));
  return part;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every part, depth first. */
export function* walk(part: MimePart): Generator<MimePart> {
  yield part;
  for (const child of part.children) yield* walk(child);
}
