// A notice's e-mail: its layout rendered for the invoice, and the invoice PDF. The result is a pure
// function of the layout and the template context, so it is memoized on disk (message-cache.ts) under
// a hash of exactly those: `prepare` composes a coming run's notices while the program is idle, and
// `compose` during the run finds them ready. Any change to the invoice, customer, company, layout or
// run date changes the hash, so a stale message can never be sent; it is simply composed again.
// Composing itself (render, PDF, encoding) runs on the worker threads of compose-pool.ts, with the same
// code as preparing, so a prepared message and one composed during the run have the same bytes.
import { createHash } from 'node:crypto';
import type { EmailLayout } from '../../shared/domain';
import type { Notice } from '../../shared/notices';
import type { Documents, InvoiceDocument } from './documents';
import { composeEncoded } from './compose-job';
import type { ComposePool } from './compose-pool';
import type { InlineImage } from './inline-images';
import type { LayoutRegistry } from './layout-registry';
import type { TemplateContext } from './layouts';
import type { EncodedInlinePart, EncodedPart } from './mime-message';
import type { CachedMessage, MessageCache } from './message-cache';
import type { ReadStore } from './store/store';

/** Bump when renderLayout or the generated PDF changes, so messages composed by older code are not reused. */
export const COMPOSE_VERSION = 5;

export interface ComposedMessage {
  subject: string;
  /** Encoded (prepared ahead, or composed now on a worker and stored); plain from other composers. */
  html: string | EncodedPart;
  text: string | EncodedPart;
  attachments: (InvoiceDocument | EncodedPart)[];
  /** The images the HTML shows by `cid:` (PIX QR code, logo). */
  inline: (InlineImage | EncodedInlinePart)[];
  /** The company's e-mail as it is now (Reply-To, List-Unsubscribe); never cached. */
  companyEmail: string | null;
  /** Found ready in the cache, composed ahead of the run. */
  prepared: boolean;
}

export interface PrepareResult {
  /** Composed now and stored. */
  composed: number;
  /** Already stored from an earlier preparation. */
  ready: number;
  /** Notices that cannot be composed; the run would leave them pending for the same reason. */
  problems: { notice: Notice; message: string }[];
  /** Preparation stopped early (the program is closing). */
  aborted: boolean;
}

export interface PrepareOptions {
  signal?: AbortSignal;
  /** Awaited before each notice: lets a real run have the processor first. */
  waitTurn?: () => Promise<void>;
}

/** What composing needs of a notice (a rule's or a manual one). */
export type ComposableNotice = Pick<Notice, 'invoiceId' | 'customerId' | 'layoutId' | 'attachInvoice'>;

export interface Composer {
  compose(notice: ComposableNotice, runDate: string): Promise<ComposedMessage>;
  prepare(notices: readonly Notice[], runDate: string, options?: PrepareOptions): Promise<PrepareResult>;
}

export interface ComposerDeps {
  store: ReadStore;
  layouts: LayoutRegistry;
  documents: Documents;
  /** Without one, every message is composed when it is sent. */
  cache?: MessageCache;
  /** Worker threads that compose; without it, composition runs on this thread. */
  pool?: ComposePool;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export function createComposer(deps: ComposerDeps): Composer {
  const inputs = (
    notice: ComposableNotice,
    runDate: string,
  ): { layout: EmailLayout; context: TemplateContext } => {
    const invoice = deps.store.invoice(notice.invoiceId);
    const customer = deps.store.customer(notice.customerId);
    const layout = deps.layouts.get(notice.layoutId);
    if (!invoice || !customer) throw new Error('fatura ou cliente não encontrado');
    if (!layout)
      throw new Error(
        'o layout de e-mail da regra não existe mais: escolha outro layout na regra de envio (Forma de Cobrança)',
      );
    const settings = deps.store.settings();
    const method = settings.billingMethods.find((m) => m.id === invoice.billingMethodId);
    const context: TemplateContext = {
      company: settings.company,
      customer,
      invoice,
      billingMethodName: method?.name ?? '',
      boleto: method?.boleto ?? null,
      runDate,
      attachInvoice: notice.attachInvoice,
    };
    return { layout, context };
  };

  // A layout is hashed once per version of its text, not once per message. Compared by content, so
  // an edited layout can never be taken for the one hashed before.
  const layoutDigests = new Map<string, { subject: string; html: string; digest: string }>();
  const layoutDigest = (layout: EmailLayout) => {
    const known = layoutDigests.get(layout.id);
    if (known?.html === layout.html && known.subject === layout.subject) return known.digest;
    const digest = sha256(JSON.stringify([layout.subject, layout.html]));
    layoutDigests.set(layout.id, { subject: layout.subject, html: layout.html, digest });
    return digest;
  };
  // The logo (up to ~130 KB of base64) is hashed once per version, not into every message's key.
  let logoDigest: { logo: string; digest: string } | null = null;
  const logoKey = (logo: string) => {
    if (logoDigest?.logo !== logo) logoDigest = { logo, digest: sha256(logo) };
    return logoDigest.digest;
  };
  const keyOf = (layout: EmailLayout, context: TemplateContext) => {
    const logo = context.company?.logo;
    const keyed = logo ? { ...context, company: { ...context.company, logo: logoKey(logo) } } : context;
    return sha256(JSON.stringify([COMPOSE_VERSION, layoutDigest(layout), keyed]));
  };

  /** Composed on a worker of the pool (in-process without one): every part encoded, as prepared ones are. */
  const composeFresh = (layout: EmailLayout, context: TemplateContext) =>
    deps.pool ? deps.pool.compose({ layout, context }) : composeEncoded({ layout, context });

  /** The invoice's own PDF file, read now: it may have changed since the message was prepared. */
  const ownFile = async (context: TemplateContext): Promise<InvoiceDocument[]> =>
    context.attachInvoice !== false && context.invoice.pdfPath
      ? [await deps.documents.invoicePdf(context)]
      : [];

  return {
    async compose(notice, runDate) {
      const { layout, context } = inputs(notice, runDate);
      const key = keyOf(layout, context);
      const cached = deps.cache ? await deps.cache.get(key) : null;
      // Not stored when composed now: writing every message of a cold run to disk cost more processor
      // time (~1.5 ms a notice, most of it in the file system) than composing it again, which the
      // rare run stopped half-way does for what it had left.
      const message = cached ?? (await composeFresh(layout, context));
      return {
        subject: message.subject,
        html: { encoded: message.html },
        text: { encoded: message.text },
        attachments: message.pdf ? [{ encoded: message.pdf }] : await ownFile(context),
        inline: message.inline.map(({ cid, part }) => ({ cid, encoded: part })),
        companyEmail: context.company?.email ?? null,
        prepared: !!cached,
      };
    },

    async prepare(notices, runDate, options = {}) {
      const result: PrepareResult = { composed: 0, ready: 0, problems: [], aborted: false };
      for (const notice of notices) {
        if (options.signal?.aborted) {
          result.aborted = true;
          break;
        }
        await options.waitTurn?.();
        let composed: { key: string; message: CachedMessage } | null = null;
        try {
          const { layout, context } = inputs(notice, runDate);
          const key = keyOf(layout, context);
          // The invoice's own PDF is not kept, but a missing file is worth knowing before the run.
          if (context.attachInvoice !== false && context.invoice.pdfPath)
            await deps.documents.invoicePdf(context);
          if (deps.cache && (await deps.cache.get(key))) {
            await deps.cache.touch(key);
            result.ready++;
          } else {
            composed = { key, message: await composeFresh(layout, context) };
          }
        } catch (e) {
          result.problems.push({ notice, message: (e as Error).message });
        }
        if (composed) {
          // Outside the notice's try: a full disk is not this notice's problem, and stops the preparation.
          await deps.cache?.put(composed.key, composed.message);
          result.composed++;
        }
        // One notice at a time: screens and the scheduler stay responsive while this works.
        await yieldToEventLoop();
      }
      return result;
    },
  };
}
