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
				// One order that cannot be mapped must not hold back the others: it goes out raw, with the reason.
				if (!(error instanceof OrderMappingError)) throw error;
				json.salesOrder = null;
				json.mappingError =
					o.source === 'report'
						? `${error.message}. This order came from Amazon's orders report, which has no order item ids: read it with Amazon Seller → Order → Get to map it.`
						: error.message;
				json.order = o.order as IDataObject;
			}
		} else {
			json.order = o.order as IDataObject;
		}
		return { json };
	});
}
