/**
 * What the trigger works with, whatever the source (searchOrders or the orders report).
 * Pure types: no n8n imports, so the cursor and event rules can be tested and benchmarked alone.
 */
import type { FulfilledBy, OrderStatus } from '../amazon/orders';

export type { FulfilledBy, OrderStatus } from '../amazon/orders';

export type TriggerEvent = 'newOrder' | 'orderCanceled' | 'orderUpdated';

export const TRIGGER_EVENTS: readonly TriggerEvent[] = ['newOrder', 'orderCanceled', 'orderUpdated'];


/** One version of one order as a read returned it. */
export interface OrderObservation {
	orderId: string;
	/** When the buyer placed it (epoch ms). */
	createdMs: number;
	/** Amazon's lastUpdatedTime (epoch ms): one value per change. */
	updatedMs: number;
	/** undefined when Amazon sent no fulfillment section (then no one-time event can be decided). */
	status?: OrderStatus;
	fulfilledBy?: FulfilledBy;
	marketplaceId?: string;
	source: 'searchOrders' | 'report';
	/** The order as Amazon sent it (searchOrders) or as rebuilt from the report's rows. */
	order: Record<string, unknown>;
}

/** An event the trigger emits: one per (order, one-time event) or per (order, change). */
export interface EmittedEvent {
	event: TriggerEvent;
	observation: OrderObservation;
}
