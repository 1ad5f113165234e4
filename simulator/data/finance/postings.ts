/**
 * What Amazon posts for an order line: the sale (principal, tax, shipping, gift wrap, promotions,
 * US marketplace-facilitator withholding), the fees (referral commission, FBA per-unit fee), and
 * the reversal when the line is refunded. Pure functions of the order record.
 *
 * Tax-inclusive marketplaces (EU, JP) post the VAT share of the gross price as `Tax` and the rest
 * as `Principal` (what sellers using Amazon's VAT calculation service see), so Principal + Tax is
 * what the buyer paid on every marketplace.
 */
import { MARKETPLACES } from '../marketplaces';
import type { SimOrder, SimOrderItem } from '../orders';
import type { MoneyComponent } from './types';
import { FBA_FEE_PER_UNIT, MARKETPLACE_FACILITATOR_COUNTRIES, REFUND_COMMISSION_CAP, referralRate, roundTo } from './rules';

/** Charges that only a refund including shipping gives back. */
const SHIPPING_TYPES = new Set(['ShippingCharge', 'ShippingTax', 'Giftwrap', 'GiftwrapTax', 'MarketplaceFacilitatorTax-Shipping', 'MarketplaceFacilitatorTax-Giftwrap']);

/** Every component of a fully shipped order line (all units). */
export function lineMoney(order: SimOrder, it: SimOrderItem): MoneyComponent[] {
	const mp = MARKETPLACES[order.marketplaceId];
	const currency = mp.currency;
	const r = (x: number) => roundTo(x, currency);
	const included = mp.taxIncluded;
	const out: MoneyComponent[] = [];
	const add = (list: MoneyComponent['list'], type: string, amount: number, promotionId?: string) => {
		if (amount === 0) return;
		const c: MoneyComponent = { list, type, amount };
		if (promotionId) c.promotionId = promotionId;
		out.push(c);
	};
	const gross = r(it.unitPrice * it.quantity);
	const shipping = r(it.shipping);
	const giftWrap = r(it.giftWrap);
	const itemTax = r(it.itemTax);
	const shippingTax = r(it.shippingTax);
	const giftWrapTax = r(it.giftWrapTax);
	const promotion = r(it.promotionDiscount);
	const shippingPromotion = r(it.shippingDiscount);
	// Principal is always there, even at zero (replacements), as in Amazon's events.
	out.push({ list: 'charge', type: 'Principal', amount: included ? gross - itemTax : gross });
	add('charge', 'Tax', itemTax);
	if (shipping) {
		add('charge', 'ShippingCharge', included ? shipping - shippingTax : shipping);
		add('charge', 'ShippingTax', shippingTax);
	}
	if (giftWrap) {
		add('charge', 'Giftwrap', included ? giftWrap - giftWrapTax : giftWrap);
		add('charge', 'GiftwrapTax', giftWrapTax);
	}
	add('promotion', 'Principal', -promotion, it.promotionIds.find((id) => !id.startsWith('FREE-SHIPPING')));
	add('promotion', 'Shipping', -shippingPromotion, it.promotionIds.find((id) => id.startsWith('FREE-SHIPPING')));
	if (MARKETPLACE_FACILITATOR_COUNTRIES.has(mp.countryCode)) {
		add('withheld', 'MarketplaceFacilitatorTax-Principal', -itemTax);
		add('withheld', 'MarketplaceFacilitatorTax-Shipping', -shippingTax);
		add('withheld', 'MarketplaceFacilitatorTax-Giftwrap', -giftWrapTax);
	}
	// The referral fee is charged on the price the buyer saw: gross in the EU and JP, net in NA.
	const base = Math.max(0, gross + shipping + giftWrap - promotion - shippingPromotion);
	add('fee', 'Commission', -r(base * referralRate(mp.countryCode)));
	if (order.fulfilledBy === 'AMAZON') add('fee', 'FBAPerUnitFulfillmentFee', -(FBA_FEE_PER_UNIT[currency] ?? 300) * it.quantity);
	return out;
}

/**
 * The share of a line's money that units `from`..`to` (of `quantity`) carry. Cumulative rounding,
 * so the parts of a line shipped in several parcels add up exactly to the whole.
 */
export function shippedPart(full: MoneyComponent[], from: number, to: number, quantity: number, currency: string): MoneyComponent[] {
	const cum = (amount: number, n: number) => (n >= quantity ? amount : roundTo((amount * n) / quantity, currency));
	const out: MoneyComponent[] = [];
	for (const c of full) {
		const amount = cum(c.amount, to) - cum(c.amount, from);
		if (amount === 0 && c.type !== 'Principal') continue;
		out.push({ ...c, amount });
	}
	return out;
}

/**
 * The reversal of the share `from`..`to` (of 0..1) of a line: charges, tax and promotions back, the
 * referral fee back less Amazon's refund administration fee (RefundCommission), the FBA fee kept.
 * Shipping and gift wrap (and their tax and promotion) come back whole when `withShipping`. Shares
 * are rounded cumulatively, so refunds of a line in parts add up exactly to its sale.
 */
export function refundOf(full: MoneyComponent[], from: number, to: number, withShipping: boolean, currency: string): MoneyComponent[] {
	const part = (amount: number, a: number, b: number) => (b >= 1 ? amount : roundTo(amount * b, currency)) - (a <= 0 ? 0 : a >= 1 ? amount : roundTo(amount * a, currency));
	const out: MoneyComponent[] = [];
	let commissionBack = 0;
	for (const c of full) {
		if (c.list === 'fee') {
			if (c.type === 'Commission') commissionBack = -part(c.amount, from, to);
			continue;
		}
		const shippingType = SHIPPING_TYPES.has(c.type) || (c.list === 'promotion' && c.type === 'Shipping');
		if (shippingType && !withShipping) continue;
		const amount = shippingType ? -c.amount : -part(c.amount, from, to);
		if (amount === 0 && c.type !== 'Principal') continue;
		out.push({ ...c, amount });
	}
	if (commissionBack) {
		out.push({ list: 'fee', type: 'Commission', amount: commissionBack });
		const admin = Math.min(REFUND_COMMISSION_CAP[currency] ?? 500, roundTo(commissionBack * 0.2, currency));
		if (admin) out.push({ list: 'fee', type: 'RefundCommission', amount: -admin });
	}
	return out;
}

export function sum(components: ReadonlyArray<MoneyComponent>): number {
	let s = 0;
	for (const c of components) s += c.amount;
	return s;
}
