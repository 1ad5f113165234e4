/**
 * The items of the money events: `event`, `eventId`, then the event's fields (docs/trigger.md,
 * "Money events"). Amounts are decimal strings with the currency beside them; the settlement a
 * Payout carries keeps the reader's integer minor units, as Map Payout to Journal Entry takes it.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { readTransaction } from '../../amazon/finances';
import { formatMinor } from '../../amazon/money';
import { summarizeSettlement } from '../../amazon/settlementReport';
import { mapRefundToCreditNote, refundFromTransaction } from '../../mapping/creditNote';
import { parseTime } from '../observations';
import type { EmittedMoneyEvent, PayoutFound, RefundFound, ReturnFound } from './types';
import { moneyEventId } from './types';

/** Payouts first (oldest period first), then refunds by posted date, then returns by date. */
export function sortMoneyEvents(events: EmittedMoneyEvent[]): EmittedMoneyEvent[] {
	const rank = { payout: 0, orderRefunded: 1, orderReturned: 2 } as const;
	const time = (e: EmittedMoneyEvent) =>
		e.event === 'payout' ? (parseTime(e.report.summary.end) ?? 0) : e.event === 'orderRefunded' ? (parseTime(e.transaction.postedDate) ?? 0) : (parseTime(e.ret.returnDate) ?? 0);
	return [...events].sort((a, b) => rank[a.event] - rank[b.event] || time(a) - time(b));
}

export function toMoneyItems(events: EmittedMoneyEvent[]): INodeExecutionData[] {
	return sortMoneyEvents(events).map((found) => {
		const head: IDataObject = { event: found.event, eventId: moneyEventId(found) };
		switch (found.event) {
			case 'payout':
				return { json: { ...head, ...payoutFields(found) } };
			case 'orderRefunded':
				return { json: { ...head, ...refundFields(found) } };
			case 'orderReturned':
				return { json: { ...head, ...returnFields(found) } };
		}
	});
}

function payoutFields({ report, reportId, marketplaceIds, group }: PayoutFound): IDataObject {
	const totals = summarizeSettlement(report);
	const { summary } = report;
	const money = (minor: number) => formatMinor(minor, summary.exponent);
	const byType = (sums: Record<string, number>) => Object.fromEntries(Object.entries(sums).map(([type, minor]) => [type, money(minor)]));
	const warnings: string[] = [];
	if (!report.reconciliation.ok) {
		warnings.push(`The settlement's lines add up to ${money(report.reconciliation.linesTotal)} ${summary.currency}, not to its total-amount ${money(summary.totalAmount)}: Amazon's report does not balance.`);
	}
	if (group?.originalTotal && group.originalTotal.currency === summary.currency && group.originalTotal.amount !== summary.totalAmount) {
		warnings.push(`Finances v0 gives this period's total as ${money(group.originalTotal.amount)} ${summary.currency}, the settlement report ${money(summary.totalAmount)}.`);
	}
	return {
		settlementId: summary.settlementId,
		currency: summary.currency,
		periodStart: summary.start,
		periodEnd: summary.end,
		depositDate: summary.depositDate,
		depositAmount: money(summary.totalAmount),
		totals: { byTransactionType: byType(totals.byTransactionType), byAmountType: byType(totals.byAmountType) },
		orderCount: totals.orders,
		lineCount: totals.lines,
		reconciled: report.reconciliation.ok,
		fundTransferStatus: group?.fundTransferStatus ?? null,
		fundTransferDate: group?.fundTransferDate ?? null,
		financialEventGroupId: group?.financialEventGroupId ?? null,
		marketplaceIds,
		reportId,
		warnings,
		// The parsed settlement, as Map Payout to Journal Entry reads it from the whole item (minor units).
		summary: summary as unknown as IDataObject,
		lines: report.lines as unknown as IDataObject[],
	};
}

function refundFields({ orderId, refundId, transaction }: RefundFound): IDataObject {
	const related = relatedOf(transaction.relatedIdentifiers);
	const fields: IDataObject = {
		orderId,
		refundId,
		adjustmentId: related.REFUND_ID ?? null,
		transactionId: str(transaction.transactionId),
		transactionType: str(transaction.transactionType),
		transactionStatus: str(transaction.transactionStatus)?.toUpperCase() ?? null,
		postedDate: str(transaction.postedDate),
		marketplaceId: str(record(transaction.marketplaceDetails).marketplaceId) ?? str(record(transaction.sellingPartnerMetadata).marketplaceId),
		settlementId: related.SETTLEMENT_ID ?? null,
		// Amazon's description of the transaction ("the reasons for the transaction" in its model).
		reason: str(transaction.description),
	};
	try {
		const flat = readTransaction(transaction);
		const note = mapRefundToCreditNote(refundFromTransaction(flat));
		const money = (minor: number) => formatMinor(minor, flat.exponent);
		const network = flat.items.find((item) => item.fulfillmentNetwork)?.fulfillmentNetwork?.toUpperCase();
		Object.assign(fields, {
			currency: flat.currency,
			amounts: {
				// What the buyer got back (tax included where Amazon lists it apart).
				refunded: note.totals.total.amount,
				tax: note.totals.tax?.amount ?? null,
				// Fees Amazon gave back (positive) or kept on the refund (negative).
				feesReturned: note.totals.feesReturned.amount,
				withheldTax: note.totals.withheldTax.amount,
				// What the refund did to the payout, Amazon's sign (negative: charged to the seller).
				total: money(flat.totalAmount),
			},
			items: flat.items.map((item) => ({
				sku: item.sku,
				asin: item.asin,
				quantity: item.quantityShipped,
				orderAdjustmentItemId: item.orderAdjustmentItemId,
				amount: item.totalAmount === null ? null : money(item.totalAmount),
			})),
			fulfilledBy: network === 'AFN' ? 'FBA' : network === 'MFN' ? 'FBM' : null,
			deferred: flat.deferred,
			maturityDate: flat.deferral?.maturityDate ?? null,
			warnings: [...flat.warnings, ...note.warnings],
		});
	} catch (error) {
		// One odd transaction must not hold back the others: it goes out with what could be read.
		Object.assign(fields, {
			currency: str(record(transaction.totalAmount).currencyCode),
			amounts: null,
			items: [],
			fulfilledBy: null,
			deferred: fields.transactionStatus === 'DEFERRED',
			maturityDate: null,
			warnings: [(error as Error).message],
		});
	}
	fields.transaction = transaction as IDataObject;
	return fields;
}

function returnFields({ ret }: ReturnFound): IDataObject {
	const { row: _row, ...fields } = ret;
	return fields as unknown as IDataObject;
}

function relatedOf(list: unknown): Record<string, string> {
	const out: Record<string, string> = {};
	for (const entry of Array.isArray(list) ? list : []) {
		const item = record(entry);
		const name = str(item.relatedIdentifierName);
		const value = str(item.relatedIdentifierValue);
		if (name && value && out[name] === undefined) out[name] = value;
	}
	return out;
}

function record(value: unknown): Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function str(value: unknown): string | null {
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return typeof value === 'string' && value.trim() ? value.trim() : null;
}
