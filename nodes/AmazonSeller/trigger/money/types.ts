/**
 * The trigger's money events and what they carry before they become items. Pure types.
 *
 * They come from other Amazon operations than the order events (searchOrders), on their own
 * position (moneyCursor.ts) under their own key in the node's static data.
 */
import type { PayoutSummary } from '../../amazon/finances';
import type { AmazonReturn } from '../../amazon/returnsReport';
import type { SettlementReport } from '../../amazon/settlementReport';

export type MoneyEvent = 'payout' | 'orderRefunded' | 'orderReturned';

export const MONEY_EVENTS: readonly MoneyEvent[] = ['payout', 'orderRefunded', 'orderReturned'];

export function isMoneyEvent(value: unknown): value is MoneyEvent {
	return MONEY_EVENTS.includes(value as MoneyEvent);
}

/** A closed settlement period, read from its settlement report (and its v0 event group when found). */
export interface PayoutFound {
	event: 'payout';
	reportId: string;
	/** The report's marketplaces as getReports lists them. */
	marketplaceIds: string[];
	report: SettlementReport;
	/** The v0 financial event group of the same period, when it could be read and matched. */
	group?: PayoutSummary;
}

/** A refund transaction (Finances 2024-06-19) seen for the first time. */
export interface RefundFound {
	event: 'orderRefunded';
	orderId: string;
	/** REFUND_ID (the settlement report's adjustment-id), else the transaction id. */
	refundId: string;
	/** The transaction as Amazon sent it. */
	transaction: Record<string, unknown>;
}

/** A customer return seen for the first time in one of the two returns reports. */
export interface ReturnFound {
	event: 'orderReturned';
	ret: AmazonReturn;
}

export type EmittedMoneyEvent = PayoutFound | RefundFound | ReturnFound;

/** The eventId of a money event (stable: the ERP side can be idempotent by it). */
export function moneyEventId(found: EmittedMoneyEvent): string {
	switch (found.event) {
		case 'payout':
			return `settlement:${found.report.summary.settlementId}:payout`;
		case 'orderRefunded':
			return `${found.orderId}:orderRefunded:${found.refundId}`;
		case 'orderReturned':
			return `${found.ret.orderId}:orderReturned:${found.ret.returnId}`;
	}
}
