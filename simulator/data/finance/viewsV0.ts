/**
 * Finances v0: financial event groups (= settlement periods) and financial events (the same
 * transactions as 2024-06-19: one ShipmentEvent per Shipment transaction, one event in
 * RefundEventList / ChargebackEventList per refund / chargeback, one ServiceFeeEvent per fee).
 */
import { MARKETPLACES } from '../marketplaces';
import { TRANSFER_SETTLES_MS } from './rules';
import type { MoneyComponent, MoneyItem, MoneyTransaction, SettlementPeriod } from './types';
import { amountNumber, isoMs } from './views2024';

/** Every list of the model's FinancialEvents; Amazon sends the empty ones as [] too. */
export const EVENT_LISTS = [
	'ShipmentEventList',
	'ShipmentSettleEventList',
	'RefundEventList',
	'GuaranteeClaimEventList',
	'ChargebackEventList',
	'PayWithAmazonEventList',
	'ServiceProviderCreditEventList',
	'RetrochargeEventList',
	'RentalTransactionEventList',
	'ProductAdsPaymentEventList',
	'ServiceFeeEventList',
	'SellerDealPaymentEventList',
	'DebtRecoveryEventList',
	'LoanServicingEventList',
	'AdjustmentEventList',
	'SAFETReimbursementEventList',
	'SellerReviewEnrollmentPaymentEventList',
	'FBALiquidationEventList',
	'CouponPaymentEventList',
	'ImagingServicesFeeEventList',
	'NetworkComminglingTransactionEventList',
	'AffordabilityExpenseEventList',
	'AffordabilityExpenseReversalEventList',
	'RemovalShipmentEventList',
	'RemovalShipmentAdjustmentEventList',
	'TrialShipmentEventList',
	'TDSReimbursementEventList',
	'AdhocDisbursementEventList',
	'TaxWithholdingEventList',
	'ChargeRefundEventList',
	'FailedAdhocDisbursementEventList',
	'ValueAddedServiceChargeEventList',
	'CapacityReservationBillingEventList',
] as const;

const LIST_OF_KIND: Record<string, string> = {
	Shipment: 'ShipmentEventList',
	Refund: 'RefundEventList',
	Chargeback: 'ChargebackEventList',
	ServiceFee: 'ServiceFeeEventList',
};

function money(minor: number, code: string): { CurrencyCode: string; CurrencyAmount: number } {
	return { CurrencyCode: code, CurrencyAmount: amountNumber(minor) };
}

function itemOf(item: MoneyItem, adjustment: boolean, code: string): Record<string, unknown> {
	const pick = (list: MoneyComponent['list']) => item.components.filter((c) => c.list === list);
	const out: Record<string, unknown> = { SellerSKU: item.sku, OrderItemId: item.orderItemId };
	if (item.adjustmentItemId) out.OrderAdjustmentItemId = item.adjustmentItemId;
	out.QuantityShipped = item.quantity;
	out[adjustment ? 'ItemChargeAdjustmentList' : 'ItemChargeList'] = pick('charge').map((c) => ({ ChargeType: c.type, ChargeAmount: money(c.amount, code) }));
	out[adjustment ? 'ItemFeeAdjustmentList' : 'ItemFeeList'] = pick('fee').map((c) => ({ FeeType: c.type, FeeAmount: money(c.amount, code) }));
	const withheld = pick('withheld');
	if (withheld.length) {
		out.ItemTaxWithheldList = [{ TaxCollectionModel: 'MarketplaceFacilitator', TaxesWithheld: withheld.map((c) => ({ ChargeType: c.type, ChargeAmount: money(c.amount, code) })) }];
	}
	const promotions = pick('promotion');
	if (promotions.length) {
		out[adjustment ? 'PromotionAdjustmentList' : 'PromotionList'] = promotions.map((c) => {
			const p: Record<string, unknown> = { PromotionType: c.type };
			if (c.promotionId) p.PromotionId = c.promotionId;
			p.PromotionAmount = money(c.amount, code);
			return p;
		});
	}
	return out;
}

export function renderEvent(tx: MoneyTransaction): Record<string, unknown> {
	if (tx.kind === 'ServiceFee') {
		return {
			FeeReason: tx.feeDescription,
			FeeList: tx.fees.map((c) => ({ FeeType: c.type, FeeAmount: money(c.amount, tx.currency) })),
			FeeDescription: tx.feeDescription,
			StoreName: MARKETPLACES[tx.marketplaceId].name,
		};
	}
	const adjustment = tx.kind !== 'Shipment';
	return {
		AmazonOrderId: tx.orderId,
		MarketplaceName: MARKETPLACES[tx.marketplaceId].name,
		PostedDate: isoMs(tx.postedAt),
		[adjustment ? 'ShipmentItemAdjustmentList' : 'ShipmentItemList']: tx.items.map((i) => itemOf(i, adjustment, tx.currency)),
	};
}

/** The payload's FinancialEvents for a page of transactions. */
export function financialEvents(txs: ReadonlyArray<MoneyTransaction>): Record<string, unknown[]> {
	const out: Record<string, unknown[]> = {};
	for (const name of EVENT_LISTS) out[name] = [];
	for (const tx of txs) out[LIST_OF_KIND[tx.kind]].push(renderEvent(tx));
	return out;
}

export function fundTransferStatus(p: SettlementPeriod, now: number): string | undefined {
	if (p.status === 'Open' || p.depositDate === undefined) return undefined;
	return now < p.depositDate + TRANSFER_SETTLES_MS ? 'Processing' : 'Succeeded';
}

export function renderGroup(p: SettlementPeriod, now: number): Record<string, unknown> {
	const out: Record<string, unknown> = { FinancialEventGroupId: p.groupId, ProcessingStatus: p.status };
	const transfer = fundTransferStatus(p, now);
	if (transfer) out.FundTransferStatus = transfer;
	out.OriginalTotal = money(p.total, p.currency);
	if (p.status === 'Closed') {
		out.ConvertedTotal = money(p.total, p.currency);
		out.FundTransferDate = isoMs(p.depositDate!);
		out.TraceId = p.traceId;
		out.AccountTail = p.accountTail;
	}
	out.BeginningBalance = money(0, p.currency);
	out.FinancialEventGroupStart = isoMs(p.start);
	if (p.status === 'Closed') out.FinancialEventGroupEnd = isoMs(p.end);
	return out;
}
