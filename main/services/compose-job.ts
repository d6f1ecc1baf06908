// One notice's e-mail composed whole: the layout rendered, the inline images it shows, the generated
// invoice PDF, every part MIME-encoded with nodemailer's own builder (encodeParts). The same function
// runs on a composition worker thread (compose-worker.ts) and in-process (a pool of size 0, the
// message preview), so the bytes are the same wherever a message was composed. Plain data in, plain
// data out: it can cross a thread boundary.
import type { EmailLayout } from '../../shared/domain';
import { createDocuments } from './documents';
import { inlineImages } from './inline-images';
import { renderLayout, type TemplateContext } from './layouts';
import { encodeParts } from './mime-message';
import type { CachedMessage } from './message-cache';

export interface ComposeJob {
  layout: EmailLayout;
  context: TemplateContext;
}

/** Whether the message carries a PDF generated here (not the invoice's own file, read at send time). */
export const ownsPdf = (context: TemplateContext) =>
  context.attachInvoice !== false && !context.invoice.pdfPath;

const documents = createDocuments();

export async function composeEncoded({ layout, context }: ComposeJob): Promise<CachedMessage> {
  const rendered = renderLayout(layout, context);
  const inline = await inlineImages(rendered.html, context);
  const pdf = ownsPdf(context) ? await documents.invoicePdf(context) : null;
  return { subject: rendered.subject, ...(await encodeParts({ ...rendered, inline, pdf })) };
}
