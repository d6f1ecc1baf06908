// Invoices to preview a layout with, searched in main by number or customer (20 at a time). When the
// list cannot be had, the screen offers only the sample data and says why.
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useRef, useState } from 'react';
import type { InvoiceView } from '../../../shared/contract/records';
import { call } from '../../api';
import { formatDateBR, formatMoneyBR } from '../../lib/format';

export interface InvoiceOption {
  value: string;
  label: string;
}

export const invoiceLabel = (inv: InvoiceView) =>
  `${inv.number} – ${inv.customerName} – venc. ${formatDateBR(inv.dueDate)} – ${formatMoneyBR(inv.amountCents)}`;

export function useInvoiceOptions(search: string) {
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const [options, setOptions] = useState<InvoiceOption[]>([]);
  const [error, setError] = useState<string | null>(null);
  /** Whether there is any invoice at all (answered by the first, unfiltered search). */
  const [hasAny, setHasAny] = useState<boolean | null>(null);
  const [loading, setLoading] = useState(true);
  const latest = useRef(0);

  useEffect(() => {
    const ticket = ++latest.current;
    setLoading(true);
    call('invoices.list', { search: debounced, page: 1, pageSize: 20 })
      .then((page) => {
        if (ticket !== latest.current) return;
        setOptions(page.items.map((inv) => ({ value: inv.id, label: invoiceLabel(inv) })));
        setError(null);
        if (debounced === '') setHasAny(page.total > 0);
      })
      .catch((e: unknown) => {
        if (ticket === latest.current) setError((e as Error).message);
      })
      .finally(() => {
        if (ticket === latest.current) setLoading(false);
      });
  }, [debounced]);

  return { options, error, hasAny, loading };
}
