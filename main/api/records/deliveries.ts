// Histórico de envios: the list, Reenviar and the CSV export.
import { companyTimezone } from '../../../shared/domain';
import type { recordsContract } from '../../../shared/contract/records';
import { resendNotice } from '../../services/manual-send';
import type { ApiContext } from '../context';
import type { DomainHandlers } from '../types';
import { deliveriesCsv } from './csv';
import { asApiFailure } from './failures';
import { filterHistory, foldedHistory } from './history';
import { deliveryView, pageOf } from './views';

type Handlers = DomainHandlers<
  Pick<typeof recordsContract, 'deliveries.list' | 'deliveries.resend' | 'deliveries.csv'>
>;

export function deliveryHandlers(ctx: ApiContext): Handlers {
  const { store, ledger } = ctx.engine;
  const latest = foldedHistory(ledger);
  // Runs of `regua run` or the daemon in another process append to the same journal.
  const current = async () => {
    await ledger.sync();
    return latest();
  };
  return {
    async 'deliveries.list'({ page, pageSize, ...filter }) {
      const records = filterHistory(await current(), filter, store);
      return pageOf(records, page, pageSize, (r) => deliveryView(store, r));
    },
    async 'deliveries.resend'({ key }) {
      const record = await asApiFailure(() => resendNotice(ctx.engine, key));
      ctx.engine.events.emit('store.changed', { area: 'deliveries' });
      return deliveryView(store, record);
    },
    async 'deliveries.csv'({ page: _page, pageSize: _size, ...filter }) {
      const records = filterHistory(await current(), filter, store);
      const timeZone = companyTimezone(store.settings());
      return {
        filename: `historico-de-envios-${ctx.engine.today()}.csv`,
        content: deliveriesCsv(
          records.map((r) => deliveryView(store, r)),
          timeZone,
        ),
      };
    },
  };
}
