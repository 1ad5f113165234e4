/**
 * The simulator's books: every money transaction, the settlement periods that collect them, and
 * customer returns. Lazy by design: a shipment only leaves a small note (`recordShipment`); money
 * is computed, released and settled when somebody asks (`sync`), replaying in time order what
 * happened since. Start-up therefore costs nothing, and benchmarks that never ask about money do
 * not pay for it.
 *
 * Time order: the ledger has its own scheduler for releases, refunds, returns, service fees and
 * period closes, so a clock that jumps weeks ahead still settles every transaction in the period
 * that was open when it was released. Money that becomes known after its period closed (an order
 * created "shipped 30 days ago") lands in the period open at that moment, as late postings do.
 */
import type { AccountKey, SimAccount } from '../accounts';
import type { Catalog } from '../catalog';
import { MARKETPLACES } from '../marketplaces';
import type { OrderStore, SimOrder, SimOrderItem } from '../orders';
import { Scheduler } from '../scheduler';
import { lineMoney, refundOf, shippedPart, sum } from './postings';
import {
	DAY,
	FULFILLMENT_CENTERS,
	PERIOD_MS,
	REFUND_REASONS,
	RETURN_REASONS,
	SHARES,
	STORAGE_FEE_PER_LISTING,
	SUBSCRIPTION_FEE,
	alnumId,
	digitsId,
	fnskuFor,
	idRng,
	opaqueId,
	roundTo,
} from './rules';
import type { MoneyComponent, MoneyItem, MoneyKind, MoneyTransaction, ReturnDisposition, SettlementPeriod, SimReturn } from './types';

const HOUR = 3600_000;

interface LineState {
	full: MoneyComponent[];
	posted: number;
	refundedShare: number;
	shippingRefunded: boolean;
}

export interface RefundSpec {
	kind?: 'Refund' | 'Chargeback';
	/** Lines and the share (0..1] of each to give back; every shipped line in full when omitted. */
	items?: Array<{ orderItemId: string; share: number; quantity?: number }>;
	/** Also give back shipping and gift wrap (default: true for a refund of the whole order). */
	withShipping?: boolean;
	reason?: string;
	/** Hold the refund back (2024-06-19 DEFERRED with a DeferredContext) until `maturity`, then release it. */
	deferral?: { reason: string; maturity: number };
}

export interface ReturnSpec {
	orderItemId?: string;
	quantity?: number;
	reason?: string;
	disposition?: ReturnDisposition;
	customerComments?: string;
}

export class Ledger {
	readonly transactions: MoneyTransaction[] = [];
	readonly periods: SettlementPeriod[] = [];
	readonly returns: SimReturn[] = [];
	/** Called when a period closes (the simulator publishes its settlement report). */
	onClose?: (period: SettlementPeriod) => void;
	private byOrder = new Map<string, MoneyTransaction[]>();
	private open = new Map<string, SettlementPeriod>();
	private lines = new Map<string, LineState>();
	private aftermathPlanned = new Set<string>();
	/** Service fees posted so far per marketplace (their ids count them). */
	private serviceFees = new Map<string, number>();
	private jobs = new Scheduler();
	private pending: Array<{ order: SimOrder; shipped: number[]; at: number }> = [];
	private processedUntil: number;

	constructor(
		private accounts: Record<AccountKey, SimAccount>,
		private catalog: Catalog,
		private orders: OrderStore,
		private mainScheduler: Scheduler,
		private now: () => number,
		private seed: number,
	) {
		const start = now();
		this.processedUntil = start;
		for (const account of Object.values(accounts)) {
			for (const currency of currenciesOf(account)) {
				// The period open at start-up began 3 to 13 days ago (so it holds the seeded orders' money).
				const r = idRng(seed, 'period0', account.key, currency);
				const begin = Math.floor((start - 3 * DAY - r.int(0, 10 * 24) * HOUR) / HOUR) * HOUR;
				this.openPeriod(account, currency, 0, begin);
				this.scheduleServiceFees(account, currency, begin);
			}
		}
	}

	/** Orders call this on every shipment; the money is worked out later (see sync). */
	recordShipment(order: SimOrder, at: number): void {
		this.pending.push({ order, shipped: order.items.map((i) => i.shipped), at });
	}

	/**
	 * Applies everything due up to `until` (default now): pending shipments, releases, refunds,
	 * returns, fees, closes. A job of the main scheduler (a report being built at its own time)
	 * passes that time, so the books never run ahead of shipments still to come.
	 */
	sync(until: number = this.now()): void {
		this.mainScheduler.runDue(until);
		this.drain();
		this.jobs.runDue(until);
		this.processedUntil = Math.max(this.processedUntil, until);
	}

	openPeriodOf(account: AccountKey, currency: string): SettlementPeriod | undefined {
		return this.open.get(key(account, currency));
	}

	orderItem(orderId: string, orderItemId: string): SimOrderItem {
		const order = this.orders.record(orderId);
		if (!order) throw new Error(`Unknown order ${orderId}`);
		const item = order.items.find((i) => i.orderItemId === orderItemId);
		if (!item) throw new Error(`Order ${orderId} has no item ${orderItemId}`);
		return item;
	}

	byOrderId(orderId: string): readonly MoneyTransaction[] {
		return this.byOrder.get(orderId) ?? [];
	}

	/** Closes the open period of an account and currency now; returns it. */
	closeNow(account: AccountKey, currency: string): SettlementPeriod {
		this.sync();
		const period = this.open.get(key(account, currency));
		if (!period) throw new Error(`Account ${account} has no settlement period in ${currency}`);
		this.close(period, Math.max(this.now(), period.start));
		return period;
	}

	/** A refund (or chargeback) of an order now. Undefined when nothing shipped is left to refund. */
	refundNow(orderId: string, spec: RefundSpec = {}): MoneyTransaction | undefined {
		this.sync();
		return this.postRefund(orderId, spec, this.now());
	}

	/** A customer return received now, optionally followed at once by its refund. */
	returnNow(orderId: string, spec: ReturnSpec = {}, refund = true): { ret: SimReturn; refund?: MoneyTransaction } {
		this.sync();
		const order = this.orders.record(orderId);
		if (!order) throw new Error(`Unknown order ${orderId}`);
		const item = spec.orderItemId ? order.items.find((i) => i.orderItemId === spec.orderItemId) : order.items.find((i) => i.shipped > 0);
		if (!item || item.shipped === 0) throw new Error(`Order ${orderId} has no shipped item${spec.orderItemId ? ` ${spec.orderItemId}` : ''} to return`);
		const now = this.now();
		const ret = this.createReturn(order, item.orderItemId, Math.min(spec.quantity ?? item.shipped, item.shipped), now, now, spec);
		if (!refund) return { ret };
		const tx = this.postRefund(orderId, { items: [{ orderItemId: item.orderItemId, share: ret.quantity / item.quantity, quantity: ret.quantity }], withShipping: order.items.length === 1, reason: 'CustomerReturn' }, now);
		if (tx) this.linkRefund(ret, tx);
		return { ret, refund: tx };
	}

	private drain(): void {
		const pending = this.pending;
		if (!pending.length) return;
		this.pending = [];
		for (const p of pending) this.postShipment(p.order, p.shipped, p.at);
	}

	private line(order: SimOrder, index: number): LineState {
		const it = order.items[index];
		let ls = this.lines.get(it.orderItemId);
		if (!ls) {
			ls = { full: lineMoney(order, it), posted: 0, refundedShare: 0, shippingRefunded: false };
			this.lines.set(it.orderItemId, ls);
		}
		return ls;
	}

	private postShipment(order: SimOrder, shipped: number[], at: number): void {
		const currency = MARKETPLACES[order.marketplaceId].currency;
		const items: MoneyItem[] = [];
		order.items.forEach((it, idx) => {
			const ls = this.line(order, idx);
			const upTo = Math.min(shipped[idx], it.quantity);
			if (upTo <= ls.posted) return;
			items.push({ orderItemId: it.orderItemId, sku: it.sku, asin: it.asin, title: it.title, quantity: upTo - ls.posted, components: shippedPart(ls.full, ls.posted, upTo, it.quantity, currency) });
			ls.posted = upTo;
		});
		if (!items.length) return;
		const previous = this.byOrder.get(order.orderId)?.filter((t) => t.kind === 'Shipment').length ?? 0;
		const deferred = idRng(this.seed, 'deferral', order.orderId).chance(SHARES.deferred);
		const tx = this.newTransaction('Shipment', order, at, items, `ship${previous}`);
		tx.shipmentId = alnumId('D', 8, this.seed, 'shipment', order.orderId, previous);
		if (deferred) {
			tx.deferral = { reason: 'DD7', maturity: Math.max(order.deliverBy[1], at) + 7 * DAY };
			tx.status = 'DEFERRED';
		}
		this.jobs.at(tx.deferral?.maturity ?? at, (t) => this.release(tx, t));
		const complete = order.items.every((i) => i.cancelled || i.shipped >= i.quantity);
		if (complete && !this.aftermathPlanned.has(order.orderId)) {
			this.aftermathPlanned.add(order.orderId);
			this.planAftermath(order, at);
		}
	}

	/** Refunds, returns and chargebacks that a share of orders get, drawn from the seed per order. */
	private planAftermath(order: SimOrder, shippedAt: number): void {
		if (order.items.every((i) => i.unitPrice === 0)) return; // replacements carry no money to refund
		const r = idRng(this.seed, 'aftermath', order.orderId);
		const live = order.items.filter((i) => !i.cancelled);
		if (r.chance(SHARES.refunded)) {
			const item = r.pick(live);
			if (r.chance(SHARES.returned)) {
				const fba = order.fulfilledBy === 'AMAZON';
				const requestedAt = shippedAt + r.int(3, 15) * DAY + r.int(0, 23) * HOUR;
				const returnedAt = fba ? requestedAt : requestedAt + r.int(3, 6) * DAY;
				const reason = r.pick(RETURN_REASONS);
				this.jobs.at(returnedAt, () => {
					const ret = this.createReturn(order, item.orderItemId, item.quantity, requestedAt, returnedAt, { reason });
					this.jobs.at(returnedAt + (fba ? 2 * HOUR : DAY), (t) => {
						const tx = this.postRefund(order.orderId, { items: [{ orderItemId: item.orderItemId, share: 1, quantity: item.quantity }], withShipping: live.length === 1, reason: 'CustomerReturn' }, t);
						if (tx) this.linkRefund(ret, tx);
					});
				});
			} else if (r.chance(SHARES.partial)) {
				const share = r.int(20, 70) / 100;
				this.jobs.at(shippedAt + r.int(2, 20) * DAY, (t) =>
					this.postRefund(order.orderId, { items: [{ orderItemId: item.orderItemId, share, quantity: item.quantity }], withShipping: false, reason: 'GeneralAdjustment' }, t),
				);
			} else {
				this.jobs.at(shippedAt + r.int(1, 10) * DAY, (t) => this.postRefund(order.orderId, { reason: r.pick(REFUND_REASONS) }, t));
			}
		} else if (r.chance(SHARES.chargeback)) {
			this.jobs.at(shippedAt + r.int(20, 45) * DAY, (t) => this.postRefund(order.orderId, { kind: 'Chargeback', reason: 'Chargeback' }, t));
		}
	}

	private postRefund(orderId: string, spec: RefundSpec, at: number): MoneyTransaction | undefined {
		const order = this.orders.record(orderId);
		if (!order) throw new Error(`Unknown order ${orderId}`);
		const currency = MARKETPLACES[order.marketplaceId].currency;
		const whole = !spec.items;
		const withShipping = spec.withShipping ?? whole;
		const wanted = spec.items ?? order.items.filter((i) => i.shipped > 0).map((i) => ({ orderItemId: i.orderItemId, share: 1, quantity: i.quantity }));
		const kind = spec.kind ?? 'Refund';
		const previous = this.byOrder.get(orderId)?.filter((t) => t.kind === kind).length ?? 0;
		const txKey = `${kind}${previous}`;
		const items: MoneyItem[] = [];
		for (const w of wanted) {
			const idx = order.items.findIndex((i) => i.orderItemId === w.orderItemId);
			if (idx < 0) throw new Error(`Order ${orderId} has no item ${w.orderItemId}`);
			const it = order.items[idx];
			const ls = this.line(order, idx);
			const available = ls.posted / it.quantity - ls.refundedShare;
			const share = Math.min(w.share, available);
			if (share <= 1e-9) continue;
			const giveShipping = withShipping && !ls.shippingRefunded;
			const to = ls.refundedShare + share > 1 - 1e-9 ? 1 : ls.refundedShare + share;
			const components = refundOf(ls.full, ls.refundedShare, to, giveShipping, currency);
			ls.refundedShare = to;
			if (giveShipping) ls.shippingRefunded = true;
			items.push({
				orderItemId: it.orderItemId,
				sku: it.sku,
				asin: it.asin,
				title: it.title,
				quantity: Math.max(1, Math.min(it.quantity, w.quantity ?? Math.round(share * it.quantity))),
				adjustmentItemId: digitsId(14, this.seed, 'adjustment-item', orderId, txKey, it.orderItemId),
				components,
			});
		}
		if (!items.length) return undefined;
		const tx = this.newTransaction(kind, order, at, items, txKey);
		tx.adjustmentId = digitsId(14, this.seed, 'adjustment', orderId, txKey);
		tx.reason = spec.reason;
		if (spec.deferral) {
			tx.deferral = { reason: spec.deferral.reason, maturity: Math.max(at, spec.deferral.maturity) };
			tx.status = 'DEFERRED';
		}
		this.jobs.at(tx.deferral?.maturity ?? at, (t) => this.release(tx, t));
		this.jobs.runDue(Math.max(at, this.processedUntil));
		return tx;
	}

	private newTransaction(kind: MoneyKind, order: SimOrder, at: number, items: MoneyItem[], txKey: string): MoneyTransaction {
		const mp = MARKETPLACES[order.marketplaceId];
		const tx: MoneyTransaction = {
			transactionId: opaqueId(this.seed, 'transaction', order.orderId, txKey),
			kind,
			account: order.account,
			sellerId: order.sellerId,
			marketplaceId: order.marketplaceId,
			currency: mp.currency,
			orderId: order.orderId,
			fulfillment: order.fulfilledBy === 'AMAZON' ? 'AFN' : 'MFN',
			postedAt: at,
			status: 'RELEASED',
			items,
			fees: [],
			total: items.reduce((s, i) => s + sum(i.components), 0),
		};
		this.register(tx);
		return tx;
	}

	private register(tx: MoneyTransaction): void {
		this.transactions.push(tx);
		if (tx.orderId) {
			let list = this.byOrder.get(tx.orderId);
			if (!list) this.byOrder.set(tx.orderId, (list = []));
			list.push(tx);
		}
	}

	private release(tx: MoneyTransaction, at: number): void {
		if (tx.settlement) return;
		const period = this.open.get(key(tx.account, tx.currency))!;
		tx.status = tx.deferral ? 'DEFERRED_RELEASED' : 'RELEASED';
		tx.releasedAt = at;
		tx.settlement = period;
		period.transactions.push(tx);
		period.total += tx.total;
	}

	private createReturn(order: SimOrder, orderItemId: string, quantity: number, requestedAt: number, returnedAt: number, spec: ReturnSpec): SimReturn {
		const it = order.items.find((i) => i.orderItemId === orderItemId)!;
		const mp = MARKETPLACES[order.marketplaceId];
		const fba = order.fulfilledBy === 'AMAZON';
		const n = this.returns.filter((x) => x.orderId === order.orderId).length;
		const r = idRng(this.seed, 'return', order.orderId, n);
		const disposition: ReturnDisposition = spec.disposition ?? r.weighted([['SELLABLE', 60], ['CUSTOMER_DAMAGED', 15], ['DEFECTIVE', 15], ['CARRIER_DAMAGED', 10]] as const);
		const ls = this.line(order, order.items.indexOf(it));
		const charges = ls.full.filter((c) => c.list === 'charge' || c.list === 'promotion');
		const ret: SimReturn = {
			returnId: digitsId(12, this.seed, 'return-id', order.orderId, n),
			orderId: order.orderId,
			account: order.account,
			sellerId: order.sellerId,
			marketplaceId: order.marketplaceId,
			currency: mp.currency,
			fulfillment: fba ? 'AFN' : 'MFN',
			orderItemId,
			sku: it.sku,
			asin: it.asin,
			fnsku: fnskuFor(it.asin),
			title: it.title,
			quantity,
			orderedAt: order.createdTime,
			requestedAt,
			returnedAt,
			reason: spec.reason ?? r.pick(RETURN_REASONS),
			disposition,
			status: fba ? (disposition === 'SELLABLE' ? 'Unit returned to inventory' : 'Reimbursed') : 'Approved',
			labelCost: fba ? 0 : roundTo(mp.currency === 'JPY' ? 90000 : mp.currency === 'MXN' ? 12000 : 650, mp.currency),
			orderAmount: sum(charges),
			orderQuantity: it.quantity,
			prime: order.prime,
		};
		if (fba) {
			ret.fulfillmentCenterId = r.pick(FULFILLMENT_CENTERS[mp.countryCode] ?? FULFILLMENT_CENTERS.US);
			ret.licensePlateNumber = alnumId('LPN', 10, this.seed, 'lpn', order.orderId, n).toUpperCase();
			ret.customerComments = spec.customerComments ?? (r.chance(0.5) ? r.pick(['Did not fit', 'Arrived scratched', 'Changed my mind', 'Not as pictured']) : undefined);
		} else {
			ret.rmaId = alnumId('D', 9, this.seed, 'rma', order.orderId, n) + 'RMA';
			ret.carrier = mp.countryCode === 'US' ? 'USPS' : mp.countryCode === 'GB' ? 'Royal Mail' : mp.countryCode === 'JP' ? 'Yamato Transport' : 'DHL';
			ret.trackingId = digitsId(18, this.seed, 'return-tracking', order.orderId, n);
			if (spec.customerComments) ret.customerComments = spec.customerComments;
		}
		this.returns.push(ret);
		return ret;
	}

	private linkRefund(ret: SimReturn, tx: MoneyTransaction): void {
		ret.refundTransactionId = tx.transactionId;
		ret.refundedAmount = -tx.items.reduce((s, i) => s + sum(i.components.filter((c) => c.list === 'charge' || c.list === 'promotion')), 0);
		if (ret.fulfillment === 'MFN') ret.status = 'Closed';
	}

	private openPeriod(account: SimAccount, currency: string, index: number, start: number): SettlementPeriod {
		const period: SettlementPeriod = {
			account: account.key,
			sellerId: account.sellerId,
			region: account.region,
			currency,
			marketplaceIds: account.marketplaceIds.filter((id) => MARKETPLACES[id].currency === currency),
			settlementId: digitsId(11, this.seed, 'settlement', account.key, currency, index),
			groupId: opaqueId(this.seed, 'group', account.key, currency, index),
			index,
			start,
			end: start + PERIOD_MS,
			status: 'Open',
			transactions: [],
			total: 0,
			accountTail: idRng(this.seed, 'account-tail', account.key, currency).digits(3),
		};
		this.periods.push(period);
		this.open.set(key(account.key, currency), period);
		const planned = period.end;
		this.jobs.at(planned, (t) => {
			if (period.status === 'Open' && period.end === planned) this.close(period, t);
		});
		return period;
	}

	private close(period: SettlementPeriod, at: number): void {
		period.status = 'Closed';
		period.end = at;
		period.depositDate = at;
		period.traceId = alnumId('', 15, this.seed, 'trace', period.settlementId).toUpperCase();
		this.onClose?.(period);
		this.openPeriod(this.accounts[period.account], period.currency, period.index + 1, at);
	}

	/** Subscription monthly from the first period's second day; storage monthly where FBA stock is held. */
	private scheduleServiceFees(account: SimAccount, currency: string, firstStart: number): void {
		const home = account.marketplaceIds.find((id) => MARKETPLACES[id].currency === currency)!;
		const every = 30 * DAY;
		const subscription = (t: number) => {
			this.postServiceFee(account, home, 'Subscription', 'Subscription Fee', -(SUBSCRIPTION_FEE[currency] ?? 3999), t);
			this.jobs.at(t + every, subscription);
		};
		this.jobs.at(firstStart + DAY + 2 * HOUR, subscription);
		const storage = (t: number) => {
			const marketplaces = new Set(account.marketplaceIds.filter((id) => MARKETPLACES[id].currency === currency));
			let fba = 0;
			for (const l of this.catalog.listings.values()) if (l.account === account.key && marketplaces.has(l.marketplaceId) && l.fba) fba++;
			if (fba) this.postServiceFee(account, home, 'FBAStorageFee', 'Storage Fee', -roundTo(fba * (STORAGE_FEE_PER_LISTING[currency] ?? 87), currency), t);
			this.jobs.at(t + every, storage);
		};
		this.jobs.at(firstStart + 8 * DAY + 3 * HOUR, storage);
	}

	private postServiceFee(account: SimAccount, marketplaceId: string, feeType: string, description: string, amount: number, at: number): void {
		const n = this.serviceFees.get(marketplaceId) ?? 0;
		this.serviceFees.set(marketplaceId, n + 1);
		const tx: MoneyTransaction = {
			transactionId: opaqueId(this.seed, 'transaction', account.key, marketplaceId, 'fee', n),
			kind: 'ServiceFee',
			account: account.key,
			sellerId: account.sellerId,
			marketplaceId,
			currency: MARKETPLACES[marketplaceId].currency,
			postedAt: at,
			status: 'RELEASED',
			items: [],
			fees: [{ list: 'fee', type: feeType, amount }],
			feeDescription: description,
			total: amount,
		};
		this.register(tx);
		this.release(tx, at);
	}
}

function key(account: AccountKey, currency: string): string {
	return `${account}|${currency}`;
}

export function currenciesOf(account: SimAccount): string[] {
	return [...new Set(account.marketplaceIds.map((id) => MARKETPLACES[id].currency))];
}
