// Clientes, Faturas and Histórico de envios: one handler group per screen, under ./records/.
import type { recordsContract } from '../../shared/contract/records';
import type { ApiContext } from './context';
import { customerHandlers } from './records/customers';
import { deliveryHandlers } from './records/deliveries';
import { invoiceHandlers } from './records/invoices';
import { invoiceBulkHandlers } from './records/invoices-bulk';
import type { DomainHandlers } from './types';

export function recordsHandlers(ctx: ApiContext): DomainHandlers<typeof recordsContract> {
  return {
    ...customerHandlers(ctx),
    ...invoiceHandlers(ctx),
    ...invoiceBulkHandlers(ctx),
    ...deliveryHandlers(ctx),
  };
}
