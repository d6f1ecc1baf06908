// Which invoices the clerk ticked in Faturas: some rows (kept across pages, with their numbers for
// the confirmation), or "all N matching the filter", which main resolves when the action runs.
import { useState } from 'react';
import type { InvoiceView } from '../../../shared/contract/records';

export interface InvoiceSelection {
  /** Ticked rows, by id, in the order they were ticked. */
  rows: Map<string, InvoiceView>;
  /** Every invoice matching the filters (the rows are then ignored). */
  allMatching: boolean;
}

const NONE: InvoiceSelection = { rows: new Map(), allMatching: false };

export function useInvoiceSelection() {
  const [selection, setSelection] = useState<InvoiceSelection>(NONE);
  return {
    selection,
    has: (id: string) => selection.allMatching || selection.rows.has(id),
    count: (total: number) => (selection.allMatching ? total : selection.rows.size),
    toggle(invoice: InvoiceView, on: boolean) {
      setSelection((s) => {
        const rows = new Map(s.allMatching ? [] : s.rows);
        if (on) rows.set(invoice.id, invoice);
        else rows.delete(invoice.id);
        return { rows, allMatching: false };
      });
    },
    /** Ticks or unticks every row of the page shown. */
    togglePage(page: InvoiceView[], on: boolean) {
      setSelection((s) => {
        const rows = new Map(s.allMatching ? [] : s.rows);
        for (const inv of page) {
          if (on) rows.set(inv.id, inv);
          else rows.delete(inv.id);
        }
        return { rows, allMatching: false };
      });
    },
    selectAllMatching: () => setSelection({ rows: new Map(), allMatching: true }),
    clear: () => setSelection(NONE),
  };
}

export type InvoiceSelectionState = ReturnType<typeof useInvoiceSelection>;
