/** Reading an Orders API 2026-01-01 order into what the trigger decides on. Pure. */
import { DateTime } from 'luxon';

import { isRecord } from '../amazon/json';
import { isOrderStatus } from '../amazon/orders';
import type { FulfilledBy, OrderObservation } from './types';

/** undefined when the order lacks what every order has (id, creation and update times). */
export function observationOf(raw: unknown): OrderObservation | undefined {
	if (!isRecord(raw) || typeof raw.orderId !== 'string' || !raw.orderId) return undefined;
	const updatedMs = parseTime(raw.lastUpdatedTime);
	const createdMs = parseTime(raw.createdTime);
	if (updatedMs === undefined || createdMs === undefined) return undefined;
	const fulfillment = isRecord(raw.fulfillment) ? raw.fulfillment : {};
	const salesChannel = isRecord(raw.salesChannel) ? raw.salesChannel : {};
	const status = isOrderStatus(fulfillment.fulfillmentStatus) ? fulfillment.fulfillmentStatus : undefined;
	const fulfilledBy = fulfillment.fulfilledBy === 'AMAZON' || fulfillment.fulfilledBy === 'MERCHANT' ? fulfillment.fulfilledBy : undefined;
	return {
		orderId: raw.orderId,
		createdMs,
		updatedMs,
		status,
		fulfilledBy: fulfilledBy as FulfilledBy | undefined,
		marketplaceId: typeof salesChannel.marketplaceId === 'string' ? salesChannel.marketplaceId : undefined,
		source: 'searchOrders',
		order: raw,
	};
}

export function parseTime(value: unknown): number | undefined {
	if (typeof value !== 'string' || !value) return undefined;
	const time = DateTime.fromISO(value, { zone: 'utc' });
	return time.isValid ? time.toMillis() : undefined;
}

export function isoOf(ms: number): string {
	return DateTime.fromMillis(ms, { zone: 'utc' }).toISO({ suppressMilliseconds: true }) as string;
}

