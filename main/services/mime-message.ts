// A notice's message as MIME bytes, with nodemailer's own MIME node and encoders: its parts encoded
// ahead of time (encodeParts, on a composition worker or while preparing) and the whole message
// assembled at send time (assembleMessage), so that sending it is one buffer on the wire.
import type { InvoiceDocument } from './documents';
import type { InlineImage } from './inline-images';

/** A MIME part encoded ahead of time, headers and body, exactly as send() would have encoded it. */
export interface EncodedPart {
  encoded: Buffer;
}

/** An inline image's part encoded ahead; the Content-ID travels beside it so it joins the HTML's related part. */
export interface EncodedInlinePart extends EncodedPart {
  cid: string;
}

export interface OutgoingMail {
  to: string[];
  subject: string;
  html: string | EncodedPart;
  text: string | EncodedPart;
  messageId: string;
  attachments: (InvoiceDocument | EncodedPart)[];
  /** Images the HTML shows by `cid:` (QR code, logo), sent in a multipart/related part with it. */
  inline?: (InlineImage | EncodedInlinePart)[];
  /** Overrides the account's Reply-To. */
  replyTo?: string;
  headers?: Record<string, string>;
}

const TEXT_TYPE = 'text/plain; charset=utf-8';
const HTML_TYPE = 'text/html; charset=utf-8';
const PDF_TYPE = 'application/pdf';
const PNG_TYPE = 'image/png';

// Loaded once: a dynamic import per message costs a trip through the module loader (~ms under tsx).
type Mime = {
  MimeNode: (typeof import('nodemailer/lib/mime-node'))['default'];
  base64: typeof import('nodemailer/lib/base64');
  qp: typeof import('nodemailer/lib/qp');
};
let mime: Promise<Mime> | null = null;
const loadMime = () =>
  (mime ??= Promise.all([
    import('nodemailer/lib/mime-node'),
    import('nodemailer/lib/base64'),
    import('nodemailer/lib/qp'),
  ]).then(([node, base64, qp]) => ({ MimeNode: node.default, base64, qp })));

const NO_BOUNDARY = 'regua';

/**
 * One part, headers and body, as nodemailer's builder makes it inside a message, without the line
 * break build() closes it with (inside a message the boundary line brings its own).
 */
async function encodePart(type: string, content: string | Buffer, filename?: string, cid?: string) {
  const { MimeNode, base64, qp } = await loadMime();
  // Built as a child, as nodemailer builds a message's parts: a root would add Date and MIME-Version.
  // No part here is multipart, so none needs a random boundary (drawn for every node otherwise).
  const node = new MimeNode('multipart/mixed', { baseBoundary: NO_BOUNDARY }).createChild(type, {
    baseBoundary: NO_BOUNDARY,
    ...(filename ? { filename } : {}),
  });
  // The headers nodemailer's composer sets on a related attachment, in its order.
  if (cid) {
    node.setHeader('Content-Id', `<${cid}>`);
    node.setHeader('Content-Transfer-Encoding', 'base64');
    node.setHeader('Content-Disposition', 'inline');
  }
  node.setContent(content);
  // A part is its headers, a blank line and its content in the part's transfer encoding, which
  // nodemailer's own base64 and quoted-printable functions make here at once: build() would stream
  // it through half a dozen stream objects, several times the cost. The tests hold both to the same
  // bytes. Other encodings (7bit: short ASCII lines, as they are) still go through build().
  const bytes = typeof content === 'string' ? Buffer.from(content) : content;
  const headers = node.buildHeaders();
  // The encoding buildHeaders chose (asking getTransferEncoding again would scan a text twice).
  const encoding = bytes.length > 0 ? /^Content-Transfer-Encoding: (.*)$/im.exec(headers)?.[1] : null;
  const body =
    encoding === 'base64'
      ? base64.wrap(base64.encode(bytes), 76)
      : // Whitespace ending the input is encoded by the stream alone (it ends a line there).
        encoding === 'quoted-printable' && !/[ \t]$/.test(bytes.toString('latin1', bytes.length - 1))
        ? qp.wrap(qp.encode(bytes), 76)
        : null;
  const built = body === null ? await node.build() : Buffer.from(`${headers}\r\n\r\n${body}`);
  return built.subarray(0, built.length - (built.subarray(-2).toString() === '\r\n' ? 2 : 0));
}

const encodeInline = (image: InlineImage) => encodePart(PNG_TYPE, image.content, image.filename, image.cid);
const encodePdf = (pdf: InvoiceDocument) => encodePart(PDF_TYPE, pdf.content, pdf.filename);

/**
 * Encodes a message's parts now (quoted-printable texts, the base64 PDF), so that sending them later
 * only assembles bytes: most of what a send costs the processor.
 */
export async function encodeParts(parts: {
  text: string;
  html: string;
  pdf: InvoiceDocument | null;
  inline: readonly InlineImage[];
}): Promise<{ text: Buffer; html: Buffer; pdf: Buffer | null; inline: { cid: string; part: Buffer }[] }> {
  return {
    text: await encodePart(TEXT_TYPE, parts.text),
    html: await encodePart(HTML_TYPE, parts.html),
    pdf: parts.pdf ? await encodePdf(parts.pdf) : null,
    inline: await Promise.all(
      parts.inline.map(async (image) => ({ cid: image.cid, part: await encodeInline(image) })),
    ),
  };
}

type MimeNode = InstanceType<Mime['MimeNode']>;
/** A multipart node of nodemailer's and its parts, or a part already encoded. */
type Part = Buffer | { node: MimeNode; parts: Part[] };

/** The header fields a message carries besides its parts. */
export interface MessageHeaders {
  from: { name: string; address: string };
  to: string[];
  replyTo?: string;
  subject: string;
  messageId: string;
  headers?: Record<string, string>;
}

/**
 * The whole message in its final bytes, and its envelope. The tree is the one nodemailer's composer
 * makes of these parts (mixed: alternative [text, related [html, images]] and the attachments), with
 * nodemailer's own header fields and encodings: the tests hold the bytes to sendMail's, boundaries
 * aside. Written as one buffer, where nodemailer's composer streams the same bytes through a dozen
 * streams, one socket write per piece: half of what a send cost the processor, and as much again on
 * the receiving server.
 */
export async function assembleMessage(
  headers: MessageHeaders,
  mail: Pick<OutgoingMail, 'text' | 'html' | 'attachments' | 'inline'>,
): Promise<{ raw: Buffer; envelope: { from: string | false; to: string[] } }> {
  const { MimeNode } = await loadMime();
  const encoded = (part: string | EncodedPart, type: string) =>
    typeof part === 'string' ? encodePart(type, part) : part.encoded;
  const [text, html] = await Promise.all([encoded(mail.text, TEXT_TYPE), encoded(mail.html, HTML_TYPE)]);
  const inline = await Promise.all(
    (mail.inline ?? []).map((image) => ('encoded' in image ? image.encoded : encodeInline(image))),
  );
  const attached = await Promise.all(
    mail.attachments.map((a) => ('encoded' in a ? a.encoded : encodePdf(a))),
  );

  const root = new MimeNode(attached.length > 0 ? 'multipart/mixed' : 'multipart/alternative');
  const multipart = (node: MimeNode, parts: Part[]) => ({ node, parts });
  const body: Part =
    inline.length > 0
      ? multipart(root.createChild('multipart/related; type="text/html"'), [html, ...inline])
      : html;
  const alternative = [text, body];
  const message =
    attached.length > 0
      ? multipart(root, [multipart(root.createChild('multipart/alternative'), alternative), ...attached])
      : multipart(root, alternative);

  // In the composer's order: the custom fields, then the standard ones (which replace a custom one).
  if (headers.headers) root.addHeader(headers.headers);
  root.setHeader('From', headers.from);
  root.setHeader('To', headers.to);
  if (headers.replyTo) root.setHeader('Reply-To', headers.replyTo);
  root.setHeader('Subject', headers.subject);
  root.setHeader('Message-ID', headers.messageId);

  const chunks: Buffer[] = [];
  const write = (part: Part) => {
    if (Buffer.isBuffer(part)) return void chunks.push(part);
    chunks.push(Buffer.from(`${part.node.buildHeaders()}\r\n\r\n`));
    // buildHeaders draws the node's boundary.
    const boundary = String(part.node.boundary);
    part.parts.forEach((child, i) => {
      chunks.push(Buffer.from(`${i > 0 ? '\r\n' : ''}--${boundary}\r\n`));
      write(child);
    });
    chunks.push(Buffer.from(`\r\n--${boundary}--\r\n`));
  };
  write(message);
  return { raw: Buffer.concat(chunks), envelope: root.getEnvelope() };
}
