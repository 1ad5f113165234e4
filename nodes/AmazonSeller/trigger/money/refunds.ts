/**
 * Order Refunded: the position in Amazon's stream of posted transactions (Finances 2024-06-19
 * listTransactions) and the rules that turn a page of transactions into refund events, exactly
 * once. Pure: no I/O, no n8n, time passed in. readRefunds.ts performs the calls.
 *
 * - watermark: every transaction posted before it has been read. It moves only past a posted
 *   range read completely (every page, in one poll), like the order cursor's.
 * - overlap: each range starts OVERLAP_MS before the watermark, for postings that become
 *   listable a little after a read that covered their time.
 * - seen: the refunds emitted, by `<orderId>/<refundId>`, kept while a read can return them again
 *   (inside the overlap, or ahead of the watermark after a partial read).
 * - deferred: refunds first seen DEFERRED. Amazon's posted dates are not monotonic across a
 *   deferral: a deferred transaction is released later, as the same transaction with a new status
 *   or as a release transaction (DEFERRED_TRANSACTION_ID) that may carry a later posted date. A
 *   watermark on posted dates would read that release again, so these are remembered until well
 *   after their maturity, by refund id and by transaction id.
 */
import { isRecord } from '../../amazon/json';
import { parseTime } from '../observations';
import { SeenIds, type SeenJson } from './seenIds';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Re-read this much before the watermark. Refunds are few among the postings, so the re-read is cheap. */
export const REFUND_OVERLAP_MS = 10 * MINUTE;
/** A range read this long after its end waited out more index lag than the overlap covers: the next needs none. */
export const REFUND_SETTLED_FOR_GOOD_MS = 30 * MINUTE;
/** Amazon lists nothing younger than two minutes; three more for its index. */
export const REFUND_SETTLE_MS = 5 * MINUTE;
/** Transactions (all kinds) a range should hold: three pages of 100, so a range is read in one poll. */
export const REFUND_TARGET_RESULTS = 300;
export const REFUND_MIN_SPAN_MS = MINUTE;
/** Amazon pages a posted range in 14-day windows and answers nothing for ranges over 180 days. */
export const REFUND_MAX_SPAN_MS = 14 * DAY;
/** A deferred refund is remembered this long after its maturity (or its posting, when Amazon gives no maturity). */
const DEFERRED_KEEP_MS = 30 * DAY;
const DEFERRED_WITHOUT_MATURITY_MS = 90 * DAY;
/** Refunds remembered at most (they follow the overlap, so a few hundred is already a lot). */
export const MAX_SEEN_REFUNDS = 20_000;
export const MAX_DEFERRED_REFUNDS = 10_000;

/** Transaction types that give money back to a buyer: refunds, chargebacks, A-to-z guarantee claims. */
const REFUND_TYPES = /refund|chargeback|guarantee/i;

export interface RefundStateJson {
	/** Refunds posted before this are not emitted (activation, or the Start Date). */
	startMs: number;
	watermarkMs: number;
	spanMs: number;
	/** Transactions of every kind per hour, as read (sizes the ranges). */
	perHour: number;
	/** When a read last caught up with the settled end. */
	lastReadMs?: number;
	/** When the range that set the watermark was read (the overlap is only needed after a recent read). */
	watermarkReadMs?: number;
	seen: SeenJson;
	deferred?: SeenJson;
}

export interface PostedRange {
	afterMs: number;
	beforeMs: number;
}

/** What the filters and the rules need from one transaction (read leniently: one odd transaction must not stop the stream). */
export interface RefundFacts {
	orderId: string;
	refundId: string;
	transactionId: string | null;
	transactionType: string;
	status: string | null;
	postedMs: number;
	marketplaceId: string | null;
	/** AFN / MFN from the items' product context, when Amazon gives it. */
	fulfillmentNetwork: string | null;
	/** For a deferred transaction: when Amazon releases it. */
	maturityMs: number | null;
	/** The deferred transaction this one releases. */
	releases: string | null;
}

/** Empty: every marketplace / both channels. */
export interface RefundFilter {
	marketplaceIds: string[];
	fulfilledBy: Array<'AMAZON' | 'MERCHANT'>;
}

export class RefundState {
	readonly seen: SeenIds;
	readonly deferred: SeenIds;

	constructor(private readonly json: RefundStateJson) {
		this.seen = new SeenIds(json.seen, MAX_SEEN_REFUNDS);
		this.deferred = new SeenIds(json.deferred, MAX_DEFERRED_REFUNDS);
	}

	static fresh(startMs: number): RefundState {
		const start = Math.floor(startMs / 1000) * 1000;
		return new RefundState({ startMs: start, watermarkMs: start, spanMs: REFUND_MAX_SPAN_MS, perHour: 0, seen: { ids: {} } });
	}

	/** The stored state, or undefined when it is not one this code reads. Copies what it may change. */
	static load(stored: unknown): RefundState | undefined {
		if (!isRecord(stored) || !finite(stored.startMs) || !finite(stored.watermarkMs)) return undefined;
		const json = { ...stored } as unknown as RefundStateJson;
		json.spanMs = finite(json.spanMs) && json.spanMs >= REFUND_MIN_SPAN_MS ? Math.min(json.spanMs, REFUND_MAX_SPAN_MS) : REFUND_MAX_SPAN_MS;
		json.perHour = finite(json.perHour) && json.perHour >= 0 ? json.perHour : 0;
		return new RefundState(json);
	}

	get startMs(): number {
		return this.json.startMs;
	}

	get watermarkMs(): number {
		return this.json.watermarkMs;
	}

	get spanMs(): number {
		return this.json.spanMs;
	}

	get lastReadMs(): number | undefined {
		return this.json.lastReadMs;
	}

	/** The latest postedBefore a read may ask for now (whole seconds). */
	static settledBefore(nowMs: number): number {
		return Math.floor((nowMs - REFUND_SETTLE_MS) / 1000) * 1000;
	}

	/** Whether the stream should read now: its interval has passed, or it is behind (a backlog, an unfinished read). */
	isDue(nowMs: number, intervalMs: number): boolean {
		const last = this.json.lastReadMs;
		if (last === undefined || nowMs - last >= intervalMs || last > nowMs) return true;
		return RefundState.settledBefore(nowMs) - this.json.watermarkMs > intervalMs;
	}

	/**
	 * The next posted range to read, or undefined when nothing settled (as of `nowMs`) is left. The
	 * overlap is read again only after a read close to the range's end: a backlog read long after
	 * the fact has nothing left to appear late.
	 */
	nextRange(nowMs: number): PostedRange | undefined {
		const settled = RefundState.settledBefore(nowMs);
		const w = this.json.watermarkMs;
		if (settled <= w) return undefined;
		const readAt = this.json.watermarkReadMs;
		const overlap = readAt === undefined || readAt - w < REFUND_SETTLED_FOR_GOOD_MS ? REFUND_OVERLAP_MS : 0;
		return { afterMs: w - overlap, beforeMs: Math.min(settled, w + Math.max(REFUND_MIN_SPAN_MS, this.json.spanMs - overlap)) };
	}

	/** A range was read completely: move the watermark to its end, learn the density, forget what cannot come back. */
	commit(range: PostedRange, transactions: number, nowMs: number): void {
		if (range.beforeMs <= this.json.watermarkMs) return;
		const measured = (transactions / Math.max(range.beforeMs - range.afterMs, REFUND_MIN_SPAN_MS)) * HOUR;
		const previous = this.json.perHour;
		this.json.perHour = previous === 0 ? measured : previous * 0.5 + measured * 0.5;
		this.json.spanMs = spanFor(this.json.perHour);
		this.json.watermarkMs = range.beforeMs;
		this.json.watermarkReadMs = nowMs;
		this.forget(nowMs);
	}

	/** A range could not be read to its end in one poll: read a shorter one next time. */
	cutShort(range: PostedRange): void {
		this.json.spanMs = Math.max(REFUND_MIN_SPAN_MS, Math.round((range.beforeMs - range.afterMs) / 2));
	}

	/** The read reached the settled end. */
	caughtUp(nowMs: number): void {
		this.json.lastReadMs = nowMs;
	}

	forget(nowMs: number): void {
		this.seen.forget(this.json.watermarkMs - REFUND_OVERLAP_MS);
		this.deferred.forget(nowMs);
	}

	/**
	 * Whether this transaction is a refund to emit now, and if so remembers it. `repeat`: a refund
	 * emitted before (the overlap, a range read again, a deferred refund released).
	 */
	admit(facts: RefundFacts, filter: RefundFilter): 'emit' | 'repeat' | 'skip' {
		const key = `${facts.orderId}/${facts.refundId}`;
		if (this.seen.has(key) || this.deferred.has(key)) return 'repeat';
		if (facts.releases && this.deferred.has(`tx:${facts.releases}`)) return 'repeat';
		if (facts.transactionId && this.deferred.has(`tx:${facts.transactionId}`)) return 'repeat';
		if (facts.postedMs < this.json.startMs || !this.seen.mayBeNew(facts.postedMs)) return 'skip';
		if (filter.marketplaceIds.length && facts.marketplaceId && !filter.marketplaceIds.includes(facts.marketplaceId)) return 'skip';
		if (filter.fulfilledBy.length === 1 && facts.fulfillmentNetwork) {
			const network = filter.fulfilledBy[0] === 'AMAZON' ? 'AFN' : 'MFN';
			if (facts.fulfillmentNetwork !== network) return 'skip';
		}
		this.seen.add(key, facts.postedMs);
		if (facts.status === 'DEFERRED') {
			const keepUntil = facts.maturityMs !== null ? Math.max(facts.maturityMs, facts.postedMs) + DEFERRED_KEEP_MS : facts.postedMs + DEFERRED_WITHOUT_MATURITY_MS;
			this.deferred.add(key, keepUntil);
			if (facts.transactionId) this.deferred.add(`tx:${facts.transactionId}`, keepUntil);
		}
		return 'emit';
	}

	get changed(): boolean {
		return this.seen.changed || this.deferred.changed;
	}

	toJSON(): RefundStateJson {
		const json: RefundStateJson = { ...this.json, seen: this.seen.toJSON() };
		const deferred = this.deferred.toJSON();
		if (Object.keys(deferred.ids).length || deferred.floorMs) json.deferred = deferred;
		else delete json.deferred;
		return json;
	}
}

/** The range length that holds about REFUND_TARGET_RESULTS transactions at this density. */
export function spanFor(perHour: number): number {
	if (perHour <= 0) return REFUND_MAX_SPAN_MS;
	return Math.round(Math.min(REFUND_MAX_SPAN_MS, Math.max(REFUND_MIN_SPAN_MS, (REFUND_TARGET_RESULTS / perHour) * HOUR)));
}

/**
 * The facts of a refund transaction, or undefined for anything else: another kind (a sale, a fee),
 * or a refund without an order id (not an order refund) or without any id or posted date.
 */
export function refundFacts(raw: unknown): RefundFacts | undefined {
	if (!isRecord(raw)) return undefined;
	const type = text(raw.transactionType);
	if (!type || !REFUND_TYPES.test(type)) return undefined;
	const related = identifiers(raw.relatedIdentifiers, 'relatedIdentifierName', 'relatedIdentifierValue');
	const orderId = related.ORDER_ID;
	const transactionId = text(raw.transactionId);
	const refundId = related.REFUND_ID ?? transactionId;
	const postedMs = parseTime(raw.postedDate);
	if (!orderId || !refundId || postedMs === undefined) return undefined;
	const marketplace = isRecord(raw.marketplaceDetails) ? raw.marketplaceDetails : {};
	const partner = isRecord(raw.sellingPartnerMetadata) ? raw.sellingPartnerMetadata : {};
	const deferredContext = contexts(raw).find((context) => context.contextType === 'DeferredContext');
	let network: string | null = null;
	for (const item of Array.isArray(raw.items) ? raw.items : []) {
		if (!isRecord(item)) continue;
		for (const context of contexts(item)) network ??= text(context.fulfillmentNetwork);
	}
	return {
		orderId,
		refundId,
		transactionId,
		transactionType: type,
		status: text(raw.transactionStatus)?.toUpperCase() ?? null,
		postedMs,
		marketplaceId: text(marketplace.marketplaceId) ?? text(partner.marketplaceId),
		fulfillmentNetwork: network?.toUpperCase() ?? null,
		maturityMs: (deferredContext && parseTime(deferredContext.maturityDate)) ?? null,
		releases: related.DEFERRED_TRANSACTION_ID ?? null,
	};
}

function identifiers(list: unknown, nameKey: string, valueKey: string): Record<string, string> {
	const out: Record<string, string> = {};
	for (const entry of Array.isArray(list) ? list : []) {
		if (!isRecord(entry)) continue;
		const name = text(entry[nameKey]);
		const value = text(entry[valueKey]);
		if (name && value && out[name] === undefined) out[name] = value;
	}
	return out;
}

function contexts(obj: Record<string, unknown>): Array<Record<string, unknown>> {
	return (Array.isArray(obj.contexts) ? obj.contexts : []).filter(isRecord);
}

function text(value: unknown): string | null {
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return typeof value === 'string' && value.trim() ? value.trim() : null;
}

function finite(value: unknown): value is number {
	return typeof value === 'number' && Number.isFinite(value);
}
