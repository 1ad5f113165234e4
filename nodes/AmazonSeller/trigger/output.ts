/**
 * The items the trigger emits: one per event, saying which event it is, with the order as Amazon
 * sent it or mapped to an ERP-ready sales order.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { mapOrderToSalesOrder, OrderMappingError } from '../mapping/salesOrder';
import { isoOf } from './observations';
import type { OutputFormat } from './options';
import type { EmittedEvent } from './types';

/**
 * Item JSON: `event` (newOrder, orderCanceled, orderUpdated), `eventId` (stable: use it to make the
 * ERP side idempotent), the order's id, marketplace, channel, status and times, `source`
 * (searchOrders or report), then `order` (raw) or `salesOrder` (mapped).
 */
export function toItems(events: EmittedEvent[], output: OutputFormat): INodeExecutionData[] {
	return events.map(({ event, observation: o }) => {
		const json: IDataObject = {
			event,
			eventId: event === 'orderUpdated' ? `${o.orderId}:orderUpdated:${isoOf(o.updatedMs)}` : `${o.orderId}:${event}`,
			orderId: o.orderId,
			marketplaceId: o.marketplaceId ?? null,
			fulfilledBy: o.fulfilledBy ?? null,
			status: o.status ?? null,
			createdTime: isoOf(o.createdMs),
			lastUpdatedTime: isoOf(o.updatedMs),
			source: o.source,
		};
		if (output === 'salesOrder') {
			try {
				json.salesOrder = mapOrderToSalesOrder(o.order) as unknown as IDataObject;
			} catch (error) {
				// One order that cannot be mapped must not hold back the others (nor, by failing the
				// poll, every later one): it goes out raw, with the reason.
				const reason = error instanceof OrderMappingError ? error.message : `The mapping failed: ${(error as Error)?.message ?? String(error)}`;
				json.salesOrder = null;
				json.mappingError =
					o.source === 'report'
						? `${reason}. This order came from Amazon's orders report, which has no order item ids: read it with Amazon Seller → Order → Get to map it.`
						: reason;
				json.order = o.order as IDataObject;
			}
		} else {
			json.order = o.order as IDataObject;
		}
		return { json };
	});
}
