// Início and Importar: the dashboard's summary, and checking/applying a regua/v1 document.
import { isAbsolute } from 'node:path';
import type { DocumentError } from '../../shared/records';
import { overviewContract } from '../../shared/contract/overview';
import { dashboardSummary } from '../services/dashboard-summary';
import { applyDocument, checkDocument, type InterchangeDocument } from '../services/interchange';
import type { ReadStore } from '../services/store/store';
import type { ApiContext } from './context';
import { invalid } from './errors';
import type { DomainHandlers } from './types';

/**
 * A document sent from the screens has no folder of its own, so a relative PDF path could not be
 * resolved the way `regua import FILE` resolves it (relative to the file): refuse it up front rather
 * than leave every notice of those invoices pending for a missing PDF.
 */
function relativePdfPaths(doc: InterchangeDocument): DocumentError[] {
  return (doc.invoices ?? []).flatMap((inv, i) =>
    inv.pdfPath && !isAbsolute(inv.pdfPath)
      ? [
          {
            path: `invoices[${i}].pdfPath`,
            message: `o caminho do PDF da fatura (${inv.pdfPath}) não é completo: informe-o desde a pasta raiz ou a letra do disco (ex.: C:\\Faturas\\fatura.pdf)`,
          },
        ]
      : [],
  );
}

/** Everything that keeps the document from being imported from the screens. */
function check(ctx: ApiContext, document: unknown, store: Pick<ReadStore, 'settings' | 'customer'>) {
  const { doc, errors } = checkDocument(document, store, ctx.engine.layouts);
  if (!doc) return { doc: null, errors };
  const pdfErrors = relativePdfPaths(doc);
  return pdfErrors.length ? { doc: null, errors: pdfErrors } : { doc, errors: [] };
}

/** One message per JSON path (the first one), for the fieldErrors map. */
const errorsByPath = (errors: DocumentError[]) => {
  const out: Record<string, string> = {};
  for (const e of errors) out[e.path] ??= e.message;
  return out;
};

export function overviewHandlers(ctx: ApiContext): DomainHandlers<typeof overviewContract> {
  const app = ctx.engine;
  return {
    'dashboard.summary': () => dashboardSummary(app),

    async 'import.check'({ document }) {
      await app.refresh();
      const { doc, errors } = check(ctx, document, app.store);
      if (!doc) return { errors, summary: null };
      return { errors: [], summary: await app.preview((tx) => applyDocument(doc, tx)) };
    },

    async 'import.apply'({ document }) {
      // Checked and applied inside one write: against the data as it is under the lock.
      return app.update((tx) => {
        const { doc, errors } = check(ctx, document, tx);
        if (!doc) {
          const count = errors.length === 1 ? '1 erro' : `${errors.length} erros`;
          throw invalid(errorsByPath(errors), `o documento tem ${count}; nada foi importado`);
        }
        return applyDocument(doc, tx);
      });
    },
  };
}
