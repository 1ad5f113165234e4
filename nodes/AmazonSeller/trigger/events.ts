/**
 * Which events one observed order version produces. Pure: the caller passes what the trigger
 * remembers about the order and gets back the event (if any) and what to remember now.
 *
 * New Order follows Odoo's Amazon connector by default: an order is ready to handle when a
 * merchant-fulfilled (FBM) order is unshipped or partially shipped, and when an Amazon-fulfilled
 * (FBA) order has shipped (an option moves FBA to "paid", for ERPs that reserve FBA stock early). An FBM order first seen already shipped (shipped between two reads, or from outside
 * the ERP) was never announced, so it is announced then. Pending orders never fire it, nor do
 * orders seen cancelled. Order Canceled fires once per order, FBA or FBM. Order Updated fires for
 * every change (each new lastUpdatedTime) that is not reported as one of the selected one-time
 * events, so one change never yields two items.
 */
import type { MemoryCode } from './orderMemory';
import type { OrderObservation, OrderStatus, TriggerEvent } from './types';

const TERMINAL: ReadonlySet<OrderStatus> = new Set(['SHIPPED', 'CANCELLED', 'UNFULFILLABLE']);

export function isTerminal(status: OrderStatus | undefined): boolean {
	return status !== undefined && TERMINAL.has(status);
}

/** When an Amazon-fulfilled order counts as new: once Amazon shipped it (Odoo's rule), or once it is paid. */
export type FbaNewWhen = 'shipped' | 'paid';

/** Ready to handle (see the module comment). */
export function isReady(status: OrderStatus | undefined, fulfilledBy: string | undefined, fbaNewWhen: FbaNewWhen = 'shipped'): boolean {
	const pastPayment = status === 'UNSHIPPED' || status === 'PARTIALLY_SHIPPED' || status === 'SHIPPED';
	if (fulfilledBy === 'MERCHANT') return pastPayment;
	if (fulfilledBy === 'AMAZON') return fbaNewWhen === 'paid' ? pastPayment : status === 'SHIPPED';
	return false;
}

export interface EventContext {
	/** One-time events only for orders placed at or after this (activation time or the start date). */
	startMs: number;
	/** An order placed at or after this that memory does not know has never been seen (orderMemory.floors). */
	doneFloorMs: number;
	openFloorMs: number;
	/** The events the user selected. */
	selected: ReadonlySet<TriggerEvent>;
	fbaNewWhen?: FbaNewWhen;
}

export interface EventDecision {
	/** The item to emit for this version, if any. */
	event?: TriggerEvent;
	/** The one-time event this version stands for, selected or not (for tests and counts). */
	oneTime?: 'newOrder' | 'orderCanceled';
	/** What to remember about the order now; undefined: leave memory as it is. */
	remember?: MemoryCode;
}

/**
 * The decision for one new version of an order (the caller has already dropped versions it saw).
 * `known` is what memory holds for the order.
 */
export function decide(obs: OrderObservation, known: MemoryCode | undefined, ctx: EventContext): EventDecision {
	const updated = ctx.selected.has('orderUpdated') ? ({ event: 'orderUpdated' } as const) : {};
	const oneTime = oneTimeFor(obs, known, ctx);
	if (!oneTime) return { ...updated, remember: rememberWithout(obs, known, ctx) };
	return {
		oneTime: oneTime.event,
		event: ctx.selected.has(oneTime.event) ? oneTime.event : updated.event,
		remember: oneTime.remember,
	};
}

function oneTimeFor(
	obs: OrderObservation,
	known: MemoryCode | undefined,
	ctx: EventContext,
): { event: 'newOrder' | 'orderCanceled'; remember: MemoryCode } | undefined {
	if (!canDecide(obs, known, ctx)) return undefined;
	const terminal = isTerminal(obs.status);
	if (obs.status === 'CANCELLED') return { event: 'orderCanceled', remember: 't' };
	if (known !== 'a' && isReady(obs.status, obs.fulfilledBy, ctx.fbaNewWhen)) return { event: 'newOrder', remember: terminal ? 't' : 'a' };
	return undefined;
}

/** Memory for a version that fires no one-time event. */
function rememberWithout(obs: OrderObservation, known: MemoryCode | undefined, ctx: EventContext): MemoryCode | undefined {
	if (!canDecide(obs, known, ctx)) return undefined;
	if (isTerminal(obs.status)) return 't';
	return known ?? 'p';
}

/**
 * Whether this version may decide one-time events: the order was placed after the start, has a
 * status, is not finished already, and, if memory does not know it, is recent enough that
 * "unknown" really means "never seen" rather than "forgotten".
 */
function canDecide(obs: OrderObservation, known: MemoryCode | undefined, ctx: EventContext): boolean {
	if (obs.status === undefined || obs.createdMs < ctx.startMs) return false;
	if (known === 't') return false;
	if (known !== undefined) return true;
	return obs.createdMs >= (isTerminal(obs.status) ? ctx.doneFloorMs : ctx.openFloorMs);
}
