/**
 * At the start of a poll, when the workflow confirms deliveries: forget the events the workflow
 * confirmed, and deliver again those not confirmed in time (their execution failed, or its worker
 * died and n8n dropped it). The copy kept when the event was first emitted is delivered as it was;
 * without one (a restarted single process, an emptied Redis) the order is read again from Amazon.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { DeliveryScope, DeliveryStore } from '../cluster/deliveryStore';
import type { DeliveryLedger } from './delivery';
import { MAX_ATTEMPTS, parseEventId } from './delivery';
import { observationOf } from './observations';
import type { OutputFormat } from './options';
import { toItems } from './output';
import type { TriggerEvent } from './types';
import { TRIGGER_EVENTS } from './types';

/** Redeliveries one poll makes at most (the rest wait for the next poll). */
export const MAX_REDELIVERIES_PER_POLL = 500;

export interface SettleDeps {
	ledger: DeliveryLedger;
	store: DeliveryStore;
	scope: DeliveryScope;
	nowMs: number;
	redeliverAfterMs: number;
	output: OutputFormat;
	/** Reads orders again (getOrder), as many as the budget allows now; missing ones wait for the next poll. */
	reread(orderIds: string[]): Promise<Map<string, Record<string, unknown>>>;
	warn(message: string): void;
}

export interface Settled {
	items: INodeExecutionData[];
	confirmed: number;
	redelivered: number;
	/** The store could not be read (Redis down): nothing was confirmed or redelivered this poll. */
	storeDown?: boolean;
}

export async function settleDeliveries(deps: SettleDeps): Promise<Settled> {
	const { ledger, store, scope } = deps;
	if (ledger.size === 0) return { items: [], confirmed: 0, redelivered: 0 };
	let confirmed: Set<string>;
	try {
		confirmed = await store.confirmed(scope, ledger.eventIds);
	} catch (error) {
		// Without the confirmations nothing can be told apart: wait for the store rather than redeliver everything.
		deps.warn(`could not read delivery confirmations (${(error as Error).message}); no event is redelivered until they can be read`);
		return { items: [], confirmed: 0, redelivered: 0, storeDown: true };
	}
	ledger.confirm(confirmed);
	await store.drop(scope, [...confirmed]).catch(() => undefined);

	const due = ledger.due(deps.nowMs, deps.redeliverAfterMs, MAX_REDELIVERIES_PER_POLL);
	if (!due.length) return { items: [], confirmed: confirmed.size, redelivered: 0 };
	const copies = await store.copies(scope, due).catch(() => new Map<string, IDataObject>());
	const missing = due.filter((id) => !copies.has(id));
	// Money events (Payout, Order Refunded, Order Returned) are delivered again from their copy only:
	// without one (a restarted single process, an emptied Redis) they are given up, and said so.
	const lost = missing.filter((id) => !isOrderEvent(id));
	if (lost.length) {
		ledger.confirm(lost);
		deps.warn(`${lost.length} unconfirmed money event(s) cannot be delivered again: their kept copy is gone (e.g. ${lost.slice(0, 3).join(', ')}). Check the workflow's failed executions.`);
	}
	const reread = missing.filter(isOrderEvent);
	const orders = reread.length ? await deps.reread([...new Set(reread.map((id) => parseEventId(id)!.orderId))]) : new Map();

	const items: INodeExecutionData[] = [];
	const delivered: string[] = [];
	for (const eventId of due) {
		const json = copies.get(eventId) ?? rebuilt(eventId, orders, deps.output);
		if (!json) continue; // not read again yet (budget): next poll
		delivered.push(eventId);
		items.push({ json: { ...json, eventId, redelivery: ledger.deliveries(eventId) } });
	}
	const givenUp = ledger.redelivered(delivered, deps.nowMs);
	if (givenUp.length) {
		deps.warn(
			`${givenUp.length} event(s) were delivered ${MAX_ATTEMPTS} times without a confirmation and are not delivered again (e.g. ${givenUp.slice(0, 3).join(', ')}). Check the workflow's failed executions.`,
		);
		await store.drop(scope, givenUp).catch(() => undefined);
	}
	return { items, confirmed: confirmed.size, redelivered: items.length };
}

/** An order event (`<orderId>:newOrder`, …), which can be rebuilt by reading the order again. */
function isOrderEvent(eventId: string): boolean {
	const parsed = parseEventId(eventId);
	return parsed !== undefined && TRIGGER_EVENTS.includes(parsed.event as TriggerEvent);
}

/** The item an event would have had, from the order as Amazon has it now (its eventId is the original). */
function rebuilt(eventId: string, orders: Map<string, Record<string, unknown>>, output: OutputFormat): IDataObject | undefined {
	const parsed = parseEventId(eventId);
	if (!parsed || !TRIGGER_EVENTS.includes(parsed.event as TriggerEvent)) return undefined;
	const order = orders.get(parsed.orderId);
	const observation = order ? observationOf(order) : undefined;
	if (!observation) return undefined;
	const [item] = toItems([{ event: parsed.event as TriggerEvent, observation }], output);
	return item.json;
}
