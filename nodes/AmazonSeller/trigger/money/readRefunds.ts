/**
 * Reads refunds as they post: Finances 2024-06-19 listTransactions over the posted ranges the
 * refund state gives (refunds.ts), every page of a range, then the range is committed. A range
 * not read to its end in this poll (budget, poll time, a failure) is read again next poll; the
 * refunds it already gave are remembered, so they are not emitted twice.
 *
 * No marketplaceId goes into the query: Amazon leaves US merchant-fulfilled orders out of
 * marketplaceId=ATVPDKIKX0DER (documented), so the selection is applied to what comes back.
 */
import { SpApiError } from '../../transport';
import { isoOf } from '../observations';
import type { MoneyCalls, MoneyStop } from './calls';
import { callOptions, isTransient, mayCall, MoneyReadError } from './calls';
import type { RefundFilter, RefundState } from './refunds';
import { refundFacts } from './refunds';
import type { RefundFound } from './types';

/** Pages one poll reads at most (the bucket holds 10; the reserve keeps 2). */
const MAX_PAGES_PER_POLL = 20;

export interface RefundRead {
	events: RefundFound[];
	calls: number;
	/** Transactions of every kind the pages held. */
	transactions: number;
	rangesCommitted: number;
	stop: 'caughtUp' | MoneyStop;
	failure?: SpApiError;
}

interface TransactionsPage {
	payload?: { transactions?: unknown[]; nextToken?: string };
}

export async function readRefunds(state: RefundState, filter: RefundFilter, deps: MoneyCalls): Promise<RefundRead> {
	const read: RefundRead = { events: [], calls: 0, transactions: 0, rangesCommitted: 0, stop: 'caughtUp' };
	// Up to what is settled when the read starts: chasing the settled end as the calls take time would never end.
	const asOf = deps.nowMs();
	for (;;) {
		const range = state.nextRange(asOf);
		if (!range) {
			state.caughtUp(asOf);
			return read;
		}
		const query = { postedAfter: isoOf(range.afterMs), postedBefore: isoOf(range.beforeMs) };
		let nextToken: string | undefined;
		let inRange = 0;
		let pages = 0;
		do {
			const allowed = read.calls >= MAX_PAGES_PER_POLL ? 'budget' : await mayCall(deps, 'listTransactions');
			if (allowed !== true) {
				if (pages > 0) state.cutShort(range);
				read.stop = allowed;
				return read;
			}
			let body: TransactionsPage;
			try {
				read.calls++;
				body = await deps.call<TransactionsPage>('listTransactions', { query: nextToken ? { ...query, nextToken } : query }, callOptions(deps));
			} catch (error) {
				if (isTransient(error)) {
					read.stop = 'transient';
					read.failure = error as SpApiError;
					return read;
				}
				if (error instanceof SpApiError && nextToken && error.statusCode === 400) {
					// An expired or refused page token: the range is read again next poll, shorter.
					state.cutShort(range);
					read.stop = 'transient';
					read.failure = error;
					return read;
				}
				throw error instanceof SpApiError ? new MoneyReadError('Order Refunded', error) : error;
			}
			pages++;
			const transactions = Array.isArray(body.payload?.transactions) ? body.payload!.transactions : [];
			inRange += transactions.length;
			for (const raw of transactions) {
				const facts = refundFacts(raw);
				if (facts && state.admit(facts, filter) === 'emit') {
					read.events.push({ event: 'orderRefunded', orderId: facts.orderId, refundId: facts.refundId, transaction: raw as Record<string, unknown> });
				}
			}
			// Pages may be short or empty while a token follows (Amazon pages a range in 14-day windows).
			nextToken = typeof body.payload?.nextToken === 'string' && body.payload.nextToken ? body.payload.nextToken : undefined;
		} while (nextToken);
		read.transactions += inRange;
		state.commit(range, inRange, deps.nowMs());
		read.rangesCommitted++;
	}
}
