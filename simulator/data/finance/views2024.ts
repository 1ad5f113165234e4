/**
 * Finances 2024-06-19 `Transaction`s. Breakdowns nest as the model allows (a Breakdown holds
 * Breakdowns); the simulator's tree is, for each transaction and each item:
 *
 *   Sales | Refunds      Principal, ShippingCharge, Giftwrap (Refunds for refunds and chargebacks)
 *   Tax                  Tax, ShippingTax, GiftwrapTax, MarketplaceFacilitatorTax-Principal/-Shipping/-Giftwrap
 *   Promotions           Principal, Shipping
 *   Expenses > AmazonFees    Commission, FBAPerUnitFulfillmentFee, RefundCommission
 *   Expenses > ServiceFees   Subscription, FBAStorageFee
 *
 * Leaves carry the v0 ChargeType/FeeType names; every level's amount is the sum of its children and
 * the top level adds up to totalAmount (and the items' totalAmounts to the transaction's).
 */
import { MARKETPLACES } from '../marketplaces';
import type { MoneyComponent, MoneyTransaction } from './types';

const TAX_TYPES = new Set(['Tax', 'ShippingTax', 'GiftwrapTax']);
const SERVICE_FEE_TYPES = new Set(['Subscription', 'FBAStorageFee']);
const TOP_ORDER = ['Sales', 'Refunds', 'Tax', 'Promotions', 'Expenses'];

export const TRANSACTION_DESCRIPTIONS: Record<string, string> = {
	Shipment: 'Order Payment',
	Refund: 'Refund Order',
	Chargeback: 'Chargeback Refund',
};

/** Minor units (hundredths) to Amazon's JSON number. */
export function amountNumber(minor: number): number {
	return minor / 100;
}

function currency(minor: number, code: string): { currencyAmount: number; currencyCode: string } {
	return { currencyAmount: amountNumber(minor), currencyCode: code };
}

export function isoMs(ms: number): string {
	return new Date(ms).toISOString();
}

/** The breakdown path of one component: top level, optional middle, leaf. */
export function breakdownPath(c: MoneyComponent, refund: boolean): string[] {
	if (c.list === 'withheld' || (c.list === 'charge' && TAX_TYPES.has(c.type))) return ['Tax', c.type];
	if (c.list === 'charge') return [refund ? 'Refunds' : 'Sales', c.type];
	if (c.list === 'promotion') return ['Promotions', c.type];
	return ['Expenses', SERVICE_FEE_TYPES.has(c.type) ? 'ServiceFees' : 'AmazonFees', c.type];
}

interface Node {
	type: string;
	amount: number;
	children: Map<string, Node>;
}

export function breakdowns(components: ReadonlyArray<MoneyComponent>, refund: boolean, code: string): Array<Record<string, unknown>> {
	return breakdownTree(components.map((c) => [c, refund] as const), code);
}

/** The tree over components of several transactions (listSummary): each with its own refund flag. */
export function breakdownTree(entries: ReadonlyArray<readonly [MoneyComponent, boolean]>, code: string): Array<Record<string, unknown>> {
	const root: Node = { type: '', amount: 0, children: new Map() };
	for (const [c, refund] of entries) {
		let node = root;
		for (const part of breakdownPath(c, refund)) {
			let child = node.children.get(part);
			if (!child) node.children.set(part, (child = { type: part, amount: 0, children: new Map() }));
			child.amount += c.amount;
			node = child;
		}
	}
	const render = (n: Node): Record<string, unknown> => {
		const out: Record<string, unknown> = { breakdownType: n.type, breakdownAmount: currency(n.amount, code) };
		if (n.children.size) out.breakdowns = [...n.children.values()].map(render);
		return out;
	};
	const top = [...root.children.values()].sort((a, b) => TOP_ORDER.indexOf(a.type) - TOP_ORDER.indexOf(b.type));
	return top.map(render);
}

/** Every component of a transaction with its refund flag (for breakdownTree). */
export function componentsOf(tx: MoneyTransaction): Array<readonly [MoneyComponent, boolean]> {
	const refund = tx.kind === 'Refund' || tx.kind === 'Chargeback';
	const all = tx.kind === 'ServiceFee' ? tx.fees : tx.items.flatMap((i) => i.components);
	return all.map((c) => [c, refund] as const);
}

export function renderTransaction(tx: MoneyTransaction): Record<string, unknown> {
	const mp = MARKETPLACES[tx.marketplaceId];
	const refund = tx.kind === 'Refund' || tx.kind === 'Chargeback';
	const related: Array<{ relatedIdentifierName: string; relatedIdentifierValue: string }> = [];
	if (tx.orderId) related.push({ relatedIdentifierName: 'ORDER_ID', relatedIdentifierValue: tx.orderId });
	if (tx.shipmentId) related.push({ relatedIdentifierName: 'SHIPMENT_ID', relatedIdentifierValue: tx.shipmentId });
	if (tx.adjustmentId) related.push({ relatedIdentifierName: 'REFUND_ID', relatedIdentifierValue: tx.adjustmentId });
	if (tx.settlement) {
		related.push({ relatedIdentifierName: 'FINANCIAL_EVENT_GROUP_ID', relatedIdentifierValue: tx.settlement.groupId });
		related.push({ relatedIdentifierName: 'SETTLEMENT_ID', relatedIdentifierValue: tx.settlement.settlementId });
	}
	const all = tx.kind === 'ServiceFee' ? tx.fees : tx.items.flatMap((i) => i.components);
	const out: Record<string, unknown> = {
		sellingPartnerMetadata: { sellingPartnerId: tx.sellerId, accountType: 'Standard Orders', marketplaceId: tx.marketplaceId },
		relatedIdentifiers: related,
		transactionType: tx.kind,
		transactionId: tx.transactionId,
		transactionStatus: tx.status,
		description: tx.feeDescription ?? TRANSACTION_DESCRIPTIONS[tx.kind],
		postedDate: isoMs(tx.postedAt),
		totalAmount: currency(tx.total, tx.currency),
		marketplaceDetails: { marketplaceId: mp.id, marketplaceName: mp.name },
	};
	if (tx.items.length) {
		out.items = tx.items.map((item) => {
			const rendered: Record<string, unknown> = {
				description: item.title,
				totalAmount: currency(item.components.reduce((s, c) => s + c.amount, 0), tx.currency),
				breakdowns: breakdowns(item.components, refund, tx.currency),
				contexts: [{ contextType: 'ProductContext', asin: item.asin, sku: item.sku, quantityShipped: item.quantity, fulfillmentNetwork: tx.fulfillment }],
			};
			if (item.adjustmentItemId) rendered.relatedIdentifiers = [{ itemRelatedIdentifierName: 'ORDER_ADJUSTMENT_ITEM_ID', itemRelatedIdentifierValue: item.adjustmentItemId }];
			return rendered;
		});
	}
	if (tx.deferral) out.contexts = [{ contextType: 'DeferredContext', deferralReason: tx.deferral.reason, maturityDate: isoMs(tx.deferral.maturity) }];
	out.breakdowns = breakdowns(all, refund, tx.currency);
	return out;
}
