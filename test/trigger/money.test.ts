/**
 * The money events' pure core: positions, memories and the rules that make Payout, Order Refunded
 * and Order Returned come out once, whatever is read again.
 */
import { settlementFromJson } from '../../nodes/AmazonSeller/amazon/settlementReport';
import { parseSettlementReport } from '../../nodes/AmazonSeller/amazon/settlementReport';
import type { AmazonReturn } from '../../nodes/AmazonSeller/amazon/returnsReport';
import { mapSettlementToJournalEntry } from '../../nodes/AmazonSeller/mapping/journalEntry';
import { MoneyCursor } from '../../nodes/AmazonSeller/trigger/money/moneyCursor';
import { toMoneyItems } from '../../nodes/AmazonSeller/trigger/money/output';
import { groupFor, listedSettlementReports, PayoutState, PAYOUT_LOOKBACK_MS, REPORTS_RETENTION_MS } from '../../nodes/AmazonSeller/trigger/money/payouts';
import {
	MAX_SEEN_REFUNDS,
	REFUND_MAX_SPAN_MS,
	REFUND_OVERLAP_MS,
	REFUND_SETTLE_MS,
	refundFacts,
	RefundState,
	type RefundFilter,
} from '../../nodes/AmazonSeller/trigger/money/refunds';
import type { MoneyCalls } from '../../nodes/AmazonSeller/trigger/money/calls';
import { readRefunds } from '../../nodes/AmazonSeller/trigger/money/readRefunds';
import { RETURNS_LOOKBACK_MS, ReturnState, returnsReportTypes } from '../../nodes/AmazonSeller/trigger/money/returns';
import { SeenIds } from '../../nodes/AmazonSeller/trigger/money/seenIds';

const START = Date.UTC(2026, 0, 5, 12, 0, 0);
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const ALL: RefundFilter = { marketplaceIds: [], fulfilledBy: [] };

function iso(ms: number): string {
	return new Date(ms).toISOString();
}

/** A Finances 2024-06-19 transaction as Amazon sends it. */
function transaction(input: {
	type?: string;
	orderId?: string;
	refundId?: string;
	id: string;
	postedMs: number;
	status?: string;
	maturityMs?: number;
	releases?: string;
	marketplaceId?: string;
	network?: string;
	amount?: number;
}): Record<string, unknown> {
	const related = [];
	if (input.orderId) related.push({ relatedIdentifierName: 'ORDER_ID', relatedIdentifierValue: input.orderId });
	if (input.refundId) related.push({ relatedIdentifierName: 'REFUND_ID', relatedIdentifierValue: input.refundId });
	if (input.releases) related.push({ relatedIdentifierName: 'DEFERRED_TRANSACTION_ID', relatedIdentifierValue: input.releases });
	const amount = { currencyAmount: input.amount ?? -25, currencyCode: 'USD' };
	return {
		transactionType: input.type ?? 'Refund',
		transactionId: input.id,
		transactionStatus: input.status ?? 'RELEASED',
		description: 'Refund Order',
		postedDate: iso(input.postedMs),
		totalAmount: amount,
		relatedIdentifiers: related,
		marketplaceDetails: { marketplaceId: input.marketplaceId ?? 'ATVPDKIKX0DER', marketplaceName: 'Amazon.com' },
		items: [
			{
				description: 'Mug',
				totalAmount: amount,
				breakdowns: [{ breakdownType: 'Refunds', breakdownAmount: amount, breakdowns: [{ breakdownType: 'Principal', breakdownAmount: amount }] }],
				contexts: [{ contextType: 'ProductContext', sku: 'MUG-1', asin: 'B000000001', quantityShipped: 1, fulfillmentNetwork: input.network ?? 'MFN' }],
			},
		],
		breakdowns: [{ breakdownType: 'Refunds', breakdownAmount: amount, breakdowns: [{ breakdownType: 'Principal', breakdownAmount: amount }] }],
		...(input.maturityMs ? { contexts: [{ contextType: 'DeferredContext', deferralReason: 'DD7', maturityDate: iso(input.maturityMs) }] } : {}),
	};
}

function admit(state: RefundState, raw: Record<string, unknown>, filter = ALL): string {
	const facts = refundFacts(raw);
	return facts ? state.admit(facts, filter) : 'not a refund';
}

describe('SeenIds: a bounded memory of emitted ids', () => {
	it('never writes to the stored object (n8n commits it only with the poll) and tells when it changed', () => {
		const stored = Object.freeze({ ids: Object.freeze({ a: 1 }) });
		const seen = new SeenIds(stored, 10);
		expect(seen.changed).toBe(false);
		seen.add('b', 2);
		seen.forget(2);
		expect(seen.has('a')).toBe(false);
		expect(seen.has('b')).toBe(true);
		expect(stored.ids).toEqual({ a: 1 });
		expect(seen.changed).toBe(true);
	});

	it('above its cap forgets the oldest and raises a floor past them, so a forgotten id is never taken for new', () => {
		const seen = new SeenIds(undefined, 3);
		for (let i = 1; i <= 5; i++) seen.add(`id${i}`, i * 1000);
		seen.forget(0);
		expect(seen.size).toBe(3);
		expect(seen.has('id1')).toBe(false);
		expect(seen.mayBeNew(2000)).toBe(false);
		expect(seen.mayBeNew(2001)).toBe(true);
	});
});

describe('Order Refunded: posted ranges', () => {
	it('reads from the start less the overlap up to 5 minutes ago, in whole seconds, and only once something is settled', () => {
		const state = RefundState.fresh(START + 123);
		expect(state.nextRange(START + 4 * MIN)).toBeUndefined();
		const range = state.nextRange(START + 30 * MIN + 456)!;
		expect(range.afterMs).toBe(START - REFUND_OVERLAP_MS);
		expect(range.beforeMs).toBe(START + 30 * MIN - REFUND_SETTLE_MS);
		// Amazon refuses a postedBefore less than two minutes before the request.
		expect(START + 30 * MIN + 456 - range.beforeMs).toBeGreaterThan(2 * MIN);
	});

	it('moves the watermark only past a committed range, sizes the next from the density, and shortens a range cut short', () => {
		const state = RefundState.fresh(START);
		const range = state.nextRange(START + 40 * DAY)!;
		expect(range.beforeMs - range.afterMs).toBe(REFUND_MAX_SPAN_MS);
		state.cutShort(range);
		expect(state.watermarkMs).toBe(START);
		expect(state.nextRange(START + 40 * DAY)!.beforeMs - range.afterMs).toBe(REFUND_MAX_SPAN_MS / 2);
		// 600 transactions a day: the next range holds about 300.
		const read = state.nextRange(START + 40 * DAY)!;
		state.commit(read, 600 * ((read.beforeMs - read.afterMs) / DAY), START + 40 * DAY);
		expect(state.watermarkMs).toBe(read.beforeMs);
		const next = state.nextRange(START + 40 * DAY)!;
		expect((next.beforeMs - next.afterMs) / DAY).toBeCloseTo(0.5, 2);
	});

	it('re-reads the overlap only after a read close to the range end, not while reading a backlog', () => {
		const state = RefundState.fresh(START);
		// Read promptly: the next range starts 10 minutes back.
		state.commit(state.nextRange(START + 20 * MIN)!, 5, START + 20 * MIN);
		expect(state.nextRange(START + 90 * MIN)!.afterMs).toBe(state.watermarkMs - REFUND_OVERLAP_MS);
		// A range read hours after its end: the next one starts at the watermark.
		const backlog = RefundState.fresh(START);
		const range = backlog.nextRange(START + 3 * DAY)!;
		backlog.commit({ afterMs: range.afterMs, beforeMs: START + HOUR }, 5, START + 3 * DAY);
		expect(backlog.nextRange(START + 3 * DAY)!.afterMs).toBe(START + HOUR);
	});

	it('is due every interval, and at once while behind', () => {
		const state = RefundState.fresh(START);
		expect(state.isDue(START, HOUR)).toBe(true);
		state.commit(state.nextRange(START + HOUR)!, 10, START + HOUR);
		state.caughtUp(START + HOUR);
		expect(state.isDue(START + HOUR + 30 * MIN, HOUR)).toBe(false);
		expect(state.isDue(START + 2 * HOUR, HOUR)).toBe(true);
		// A range cut short: the next poll goes on although the interval has not passed.
		const behind = RefundState.fresh(START);
		behind.caughtUp(START + 3 * HOUR);
		expect(behind.isDue(START + 3 * HOUR + MIN, HOUR)).toBe(true);
	});
});

describe('Order Refunded: which transactions, once', () => {
	it('takes refunds, chargebacks and A-to-z claims with an order id; not sales, fees, or refunds without an order', () => {
		expect(refundFacts(transaction({ id: 't1', orderId: 'o1', refundId: 'r1', postedMs: START }))).toMatchObject({ orderId: 'o1', refundId: 'r1' });
		expect(refundFacts(transaction({ type: 'Chargeback', id: 't2', orderId: 'o1', refundId: 'r2', postedMs: START }))?.refundId).toBe('r2');
		expect(refundFacts(transaction({ type: 'GuaranteeClaimRefund', id: 't3', orderId: 'o1', postedMs: START }))?.refundId).toBe('t3');
		expect(refundFacts(transaction({ type: 'Shipment', id: 't4', orderId: 'o1', postedMs: START }))).toBeUndefined();
		expect(refundFacts(transaction({ type: 'ServiceFee', id: 't5', postedMs: START }))).toBeUndefined();
		expect(refundFacts(transaction({ id: 't6', refundId: 'r6', postedMs: START }))).toBeUndefined();
		expect(refundFacts({ transactionType: 'Refund', postedDate: 'not a date' })).toBeUndefined();
	});

	it('emits a refund once, however often the overlap or a range read again returns it; partial refunds of one order are each a refund', () => {
		const state = RefundState.fresh(START);
		const first = transaction({ id: 't1', orderId: 'o1', refundId: 'r1', postedMs: START + MIN });
		const second = transaction({ id: 't2', orderId: 'o1', refundId: 'r2', postedMs: START + 2 * MIN, amount: -5 });
		expect([admit(state, first), admit(state, second)]).toEqual(['emit', 'emit']);
		expect([admit(state, first), admit(state, second)]).toEqual(['repeat', 'repeat']);
		// The range is committed: refunds inside the next range's overlap are still remembered.
		state.commit({ afterMs: START - REFUND_OVERLAP_MS, beforeMs: START + 5 * MIN }, 2, START + 20 * MIN);
		expect(admit(state, second)).toBe('repeat');
	});

	it('emits a deferred refund once: when first seen DEFERRED, not again when released, even as a release transaction with a later posted date', () => {
		const state = RefundState.fresh(START);
		const deferred = transaction({ id: 'tD', orderId: 'o2', refundId: 'r9', postedMs: START + MIN, status: 'DEFERRED', maturityMs: START + 7 * DAY });
		expect(admit(state, deferred)).toBe('emit');
		// Weeks go by: the ranges move far past its posted date.
		state.commit({ afterMs: START, beforeMs: START + 8 * DAY }, 10, START + 8 * DAY);
		// The same transaction, released, read again (or the same refund id posted anew).
		expect(admit(state, transaction({ id: 'tD', orderId: 'o2', refundId: 'r9', postedMs: START + MIN, status: 'DEFERRED_RELEASED' }))).toBe('repeat');
		expect(admit(state, transaction({ id: 'tR', orderId: 'o2', refundId: 'r9', postedMs: START + 8 * DAY, status: 'DEFERRED_RELEASED' }))).toBe('repeat');
		// A release transaction that names the deferred one but carries no refund id.
		expect(admit(state, transaction({ id: 'tR2', orderId: 'o2', releases: 'tD', postedMs: START + 8 * DAY, status: 'DEFERRED_RELEASED' }))).toBe('repeat');
		// Long after its maturity the deferred refund is forgotten: memory stays bounded.
		state.forget(START + 60 * DAY);
		expect(state.toJSON().deferred).toBeUndefined();
	});

	it('leaves out refunds posted before the start, of other marketplaces, or of the other channel', () => {
		const state = RefundState.fresh(START);
		expect(admit(state, transaction({ id: 't0', orderId: 'o0', refundId: 'r0', postedMs: START - MIN }))).toBe('skip');
		const ca = transaction({ id: 't1', orderId: 'o1', refundId: 'r1', postedMs: START + MIN, marketplaceId: 'A2EUQ1WTGCTBG2' });
		expect(admit(state, ca, { marketplaceIds: ['ATVPDKIKX0DER'], fulfilledBy: [] })).toBe('skip');
		const fba = transaction({ id: 't2', orderId: 'o2', refundId: 'r2', postedMs: START + MIN, network: 'AFN' });
		expect(admit(state, fba, { marketplaceIds: [], fulfilledBy: ['MERCHANT'] })).toBe('skip');
		expect(admit(state, fba, { marketplaceIds: [], fulfilledBy: ['AMAZON'] })).toBe('emit');
	});

	it('remembers only what a read can return again: the overlap and anything ahead of the watermark', () => {
		const state = RefundState.fresh(START);
		for (let i = 0; i < 500; i++) admit(state, transaction({ id: `t${i}`, orderId: `o${i}`, refundId: `r${i}`, postedMs: START + i * MIN }));
		state.commit({ afterMs: START - REFUND_OVERLAP_MS, beforeMs: START + 400 * MIN }, 500, START + 500 * MIN);
		// Refunds at START+390..499 min stay (overlap and ahead); the rest is forgotten.
		expect(state.seen.size).toBe(110);
		expect(MAX_SEEN_REFUNDS).toBeGreaterThan(1000);
	});
});

describe('Order Refunded: reading a range', () => {
	/** listTransactions answering from a script of pages, on a clock that stands still. */
	function fakeAmazon(pages: Array<{ transactions: unknown[]; nextToken?: string } | Error>, tokens = 10): MoneyCalls & { queries: Array<Record<string, unknown>> } {
		const queries: Array<Record<string, unknown>> = [];
		return {
			queries,
			call: async <T>(_operation: string, request: { query?: Record<string, unknown> }) => {
				queries.push(request.query ?? {});
				const page = pages.shift();
				if (!page || page instanceof Error) throw page ?? new Error('no more pages scripted');
				return { payload: page } as T;
			},
			download: async () => '',
			tokensNow: () => tokens,
			nowMs: () => START + 2 * HOUR,
			stopAtMs: START + 2 * HOUR + MIN,
			warn: () => undefined,
		};
	}

	it('pages a range to its end, through short and empty pages that still carry a token, repeating the query with each token', async () => {
		const state = RefundState.fresh(START);
		const refund = transaction({ id: 't1', orderId: 'o1', refundId: 'r1', postedMs: START + MIN });
		const amazon = fakeAmazon([{ transactions: [], nextToken: 'a' }, { transactions: [refund], nextToken: 'b' }, { transactions: [] }]);
		const read = await readRefunds(state, ALL, amazon);
		expect(read.events.map((e) => e.refundId)).toEqual(['r1']);
		expect(read.stop).toBe('caughtUp');
		expect(amazon.queries.map((q) => q.nextToken)).toEqual([undefined, 'a', 'b']);
		expect(amazon.queries[1].postedAfter).toBe(amazon.queries[0].postedAfter);
		expect(state.watermarkMs).toBe(RefundState.settledBefore(START + 2 * HOUR));
	});

	it('a range cut short (budget) is not committed; read again, its refunds are not emitted twice', async () => {
		const state = RefundState.fresh(START);
		const first = transaction({ id: 't1', orderId: 'o1', refundId: 'r1', postedMs: START + MIN });
		const second = transaction({ id: 't2', orderId: 'o2', refundId: 'r2', postedMs: START + 2 * MIN });
		// One page, then no budget left for the next (the reserve keeps 2 of the bucket).
		const cut = fakeAmazon([{ transactions: [first], nextToken: 'a' }]);
		let checks = 0;
		cut.tokensNow = () => (checks++ === 0 ? 3 : 2);
		const partial = await readRefunds(state, ALL, cut);
		expect(partial.stop).toBe('budget');
		expect(state.watermarkMs).toBe(START);
		// Next poll: the range, shorter, holds both refunds; then the rest up to now.
		const again = await readRefunds(state, ALL, fakeAmazon([{ transactions: [first, second] }, { transactions: [] }]));
		expect([...partial.events, ...again.events].map((e) => e.refundId)).toEqual(['r1', 'r2']);
		expect(again.stop).toBe('caughtUp');
	});
});

describe('Payout: which settlement reports', () => {
	const listed = (id: string, createdMs: number, marketplaceIds = ['ATVPDKIKX0DER']) => ({ reportId: id, createdMs, reportDocumentId: `doc-${id}`, marketplaceIds });

	it('reads each report once, oldest first, none created before the start, only those of the selected marketplaces', () => {
		const state = PayoutState.fresh(START);
		const reports = [listed('b', START + 2 * DAY), listed('a', START + DAY), listed('old', START - DAY), listed('ca', START + DAY, ['A2EUQ1WTGCTBG2'])];
		expect(state.toRead(reports, ['ATVPDKIKX0DER']).map((r) => r.reportId)).toEqual(['a', 'b']);
		expect(state.toRead(reports, []).map((r) => r.reportId)).toEqual(['a', 'ca', 'b']);
		state.done(reports[1], 'S1');
		expect(state.toRead(reports, ['ATVPDKIKX0DER']).map((r) => r.reportId)).toEqual(['b']);
		// A settlement whose report Amazon publishes again is recognised by its settlement id.
		expect(state.settlementSeen('S1')).toBe(true);
	});

	it('asks getReports from the newest report seen less a week, never more than 89 days back, and forgets what it cannot list again', () => {
		const state = PayoutState.fresh(START);
		expect(state.createdSince(START + 200 * DAY)).toBe(START + 200 * DAY - REPORTS_RETENTION_MS);
		state.done(listed('a', START + 10 * DAY), 'S1');
		state.done(listed('b', START + 24 * DAY), 'S2');
		expect(state.createdSince(START + 25 * DAY)).toBe(START + 24 * DAY - PAYOUT_LOOKBACK_MS);
		state.checked(START + 25 * DAY, true);
		expect(state.toJSON().seen.ids).toEqual({ 'r:b': START + 24 * DAY, 's:S2': START + 24 * DAY });
		expect(state.isDue(START + 25 * DAY + HOUR, 4 * HOUR)).toBe(false);
		state.checked(START + 25 * DAY + HOUR, false);
		expect(state.isDue(START + 25 * DAY + HOUR + MIN, 4 * HOUR)).toBe(true);
	});

	it('lists only finished settlement reports from a getReports answer', () => {
		const body = {
			reports: [
				{ reportId: '1', reportType: 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2', processingStatus: 'DONE', createdTime: iso(START), reportDocumentId: 'd1', marketplaceIds: ['ATVPDKIKX0DER'] },
				{ reportId: '2', reportType: 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2', processingStatus: 'IN_PROGRESS', createdTime: iso(START) },
				{ reportId: '3', reportType: 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL', processingStatus: 'DONE', createdTime: iso(START), reportDocumentId: 'd3' },
			],
		};
		expect(listedSettlementReports(body)).toEqual([{ reportId: '1', createdMs: START, reportDocumentId: 'd1', marketplaceIds: ['ATVPDKIKX0DER'] }]);
	});

	it('finds the v0 event group of the same period and currency', () => {
		const summary = { settlementId: 'S', start: iso(START), end: iso(START + 14 * DAY), depositDate: null, totalAmount: 100, currency: 'USD', exponent: 2 };
		const group = (id: string, startMs: number, currency: string) => ({
			financialEventGroupId: id,
			processingStatus: 'Closed',
			closed: true,
			fundTransferStatus: 'Succeeded',
			start: iso(startMs),
			end: null,
			fundTransferDate: null,
			originalTotal: { amount: 100, currency },
			convertedTotal: null,
			beginningBalance: null,
			traceId: null,
			accountTail: null,
		});
		expect(groupFor(summary, [group('cad', START, 'CAD'), group('next', START + 14 * DAY, 'USD'), group('usd', START + 1000, 'USD')])?.financialEventGroupId).toBe('usd');
		expect(groupFor(summary, [group('far', START + HOUR, 'USD')])).toBeUndefined();
	});
});

describe('Order Returned: returns reports', () => {
	const ret = (returnId: string, dateMs: number): AmazonReturn =>
		({ returnId, orderId: 'o1', returnDate: iso(dateMs), sku: 'MUG-1', quantity: 1, fulfilledBy: 'FBA' }) as unknown as AmazonReturn;

	it('asks for the reports the Fulfilled By option calls for, each at most every interval, never while one is being built', () => {
		expect(returnsReportTypes([])).toEqual(['GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE', 'GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA']);
		expect(returnsReportTypes(['AMAZON'])).toEqual(['GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA']);
		const state = ReturnState.fresh(START);
		const type = 'GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA';
		expect(state.wantsRequest(type, START, HOUR)).toBe(true);
		expect(state.rangeFor(START + 30 * DAY)).toEqual({ fromMs: START + 30 * DAY - RETURNS_LOOKBACK_MS, toMs: START + 30 * DAY });
		state.requested(type, { reportId: 'R1', fromMs: START, toMs: START + MIN, requestedMs: START + MIN });
		expect(state.wantsRequest(type, START + 3 * HOUR, HOUR)).toBe(false);
		state.finished(type, START + 5 * MIN);
		expect(state.wantsRequest(type, START + 30 * MIN, HOUR)).toBe(false);
		expect(state.wantsRequest(type, START + MIN + HOUR, HOUR)).toBe(true);
	});

	it('emits a return once across every report that lists it, none dated before the start, and forgets it when no report can list it again', () => {
		const state = ReturnState.fresh(START);
		expect(state.admit(ret('fba/o1/MUG-1/LPN1', START + DAY))).toBe('emit');
		expect(state.admit(ret('fba/o1/MUG-1/LPN1', START + DAY))).toBe('repeat');
		expect(state.admit(ret('fba/o1/MUG-1/LPN0', START - DAY))).toBe('skip');
		state.finished('GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA', START + DAY + RETURNS_LOOKBACK_MS + 2 * DAY);
		expect(state.seen.size).toBe(0);
	});
});

describe('the money cursor', () => {
	it('has a part per selected event, started where it should, and drops a deselected one so it starts afresh later', () => {
		const cursor = MoneyCursor.open(undefined, new Set(['payout', 'orderRefunded']), START);
		expect(cursor.payouts?.startMs).toBe(START);
		expect(cursor.refunds?.startMs).toBe(START);
		expect(cursor.returns).toBeUndefined();
		const stored = Object.freeze(cursor.toJSON());
		const again = MoneyCursor.open(stored, new Set(['payout']), START + DAY);
		expect(again.payouts?.startMs).toBe(START);
		expect(again.refunds).toBeUndefined();
		const reselected = MoneyCursor.open(again.toJSON(), new Set(['payout', 'orderRefunded']), START + 2 * DAY);
		expect(reselected.refunds?.startMs).toBe(START + 2 * DAY);
	});

	it('says when nothing changed (static data is then left alone), and restarts when the Start Date changes', () => {
		const fresh = MoneyCursor.open(undefined, new Set(['orderReturned']), START);
		const stored = JSON.parse(JSON.stringify(fresh.changedJson()));
		expect(MoneyCursor.open(stored, new Set(['orderReturned']), START + DAY).changedJson()).toBeUndefined();
		const moved = MoneyCursor.open(stored, new Set(['orderReturned']), START + DAY, '2026-01-01T00:00:00.000Z');
		expect(moved.returns?.startMs).toBe(START + DAY);
		expect(moved.changedJson()).toBeDefined();
	});
});

describe('money items', () => {
	const SETTLEMENT = [
		'settlement-id\tsettlement-start-date\tsettlement-end-date\tdeposit-date\ttotal-amount\tcurrency\ttransaction-type\torder-id\tmerchant-order-id\tadjustment-id\tshipment-id\tmarketplace-name\tamount-type\tamount-description\tamount\tfulfillment-id\tposted-date\tposted-date-time\torder-item-code\tmerchant-order-item-id\tmerchant-adjustment-item-id\tsku\tquantity-purchased\tpromotion-id',
		'1234567\t05.01.2026 08:00:00 UTC\t19.01.2026 08:00:00 UTC\t20.01.2026 08:00:00 UTC\t-10,50\tEUR\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t',
		'1234567\t\t\t\t\t\tOrder\t302-1\t\t\tS1\tAmazon.de\tItemPrice\tPrincipal\t20,00\tAFN\t06.01.2026\t06.01.2026 10:00:00 UTC\t1\t\t\tMUG-1\t1\t',
		'1234567\t\t\t\t\t\tOrder\t302-1\t\t\tS1\tAmazon.de\tItemFees\tCommission\t-3,00\tAFN\t06.01.2026\t06.01.2026 10:00:00 UTC\t1\t\t\tMUG-1\t\t',
		'1234567\t\t\t\t\t\tother-transaction\t\t\t\t\t\tother-transaction\tSubscription Fee\t-27,50\t\t10.01.2026\t10.01.2026 00:00:00 UTC\t\t\t\t\t\t',
	].join('\n');

	it('a Payout carries the deposit as a decimal string, totals by type, and the settlement Map Payout to Journal Entry reads from the whole item', () => {
		const report = parseSettlementReport(SETTLEMENT);
		const [item] = toMoneyItems([{ event: 'payout', reportId: 'R1', marketplaceIds: ['A1PA6795UKMFR9'], report }]);
		expect(item.json).toMatchObject({
			event: 'payout',
			eventId: 'settlement:1234567:payout',
			settlementId: '1234567',
			currency: 'EUR',
			periodStart: '2026-01-05T08:00:00Z',
			depositAmount: '-10.50',
			totals: { byTransactionType: { Order: '17.00', 'other-transaction': '-27.50' } },
			reconciled: true,
			fundTransferStatus: null,
		});
		const settlement = settlementFromJson(JSON.parse(JSON.stringify(item.json)));
		expect(settlement.summary.totalAmount).toBe(-1050);
		expect(mapSettlementToJournalEntry(settlement).lines.length).toBeGreaterThan(0);
	});

	it('an Order Refunded carries order, refund id, items and amounts as decimal strings, and the transaction for Map Refund to Credit Note', () => {
		const raw = transaction({ id: 't1', orderId: '111-1', refundId: 'r1', postedMs: START, status: 'DEFERRED', maturityMs: START + 7 * DAY });
		const [item] = toMoneyItems([{ event: 'orderRefunded', orderId: '111-1', refundId: 'r1', transaction: raw }]);
		expect(item.json).toMatchObject({
			event: 'orderRefunded',
			eventId: '111-1:orderRefunded:r1',
			orderId: '111-1',
			adjustmentId: 'r1',
			transactionStatus: 'DEFERRED',
			deferred: true,
			currency: 'USD',
			amounts: { refunded: '25.00', total: '-25.00' },
			items: [{ sku: 'MUG-1', quantity: 1, amount: '-25.00' }],
			fulfilledBy: 'FBM',
			transaction: raw,
		});
	});
});
