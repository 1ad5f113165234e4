/**
 * Amazon's money rules as the simulator applies them: fee rates, deferral and refund shares,
 * period length, id formats. Figures are plausible published list rates, not a fee calculator:
 * what matters for a connector is that every view adds up to the same cent.
 */
import { Rng, hashSeed } from '../random';

export const DAY = 24 * 3600_000;
/** Settlement periods close about every 14 days. */
export const PERIOD_MS = 14 * DAY;
/** A closed period's transfer shows `Processing` this long, then `Succeeded`. */
export const TRANSFER_SETTLES_MS = 3 * DAY;

/** Shares of shipped orders (drawn per order from the seed). */
export const SHARES = {
	/** Held under the delivery-date policy (DD7) before release. */
	deferred: 0.3,
	refunded: 0.1,
	/** Of the refunded: the refund follows a customer return (else a refund without return). */
	returned: 0.6,
	/** Of the refunds without a return: a partial refund of one line. */
	partial: 0.5,
	chargeback: 0.01,
};

/** Referral fee rate on the item's sales price (shipping and gift wrap included, promotions deducted). */
export function referralRate(countryCode: string): number {
	return countryCode === 'JP' ? 0.1 : 0.15;
}

/** FBA per-unit fulfilment fee (small standard size), minor units. */
export const FBA_FEE_PER_UNIT: Record<string, number> = { USD: 322, CAD: 471, MXN: 6100, GBP: 270, EUR: 310, JPY: 31800 };
/** Refund administration fee: 20 % of the refunded referral fee, at most this much. */
export const REFUND_COMMISSION_CAP: Record<string, number> = { USD: 500, CAD: 500, MXN: 10000, GBP: 500, EUR: 500, JPY: 50000 };
/** Professional selling plan, per month. */
export const SUBSCRIPTION_FEE: Record<string, number> = { USD: 3999, CAD: 2999, MXN: 60000, GBP: 2500, EUR: 3900, JPY: 490000 };
/** Monthly storage charge per FBA listing (a stand-in for cubic-foot pricing). */
export const STORAGE_FEE_PER_LISTING: Record<string, number> = { USD: 87, CAD: 118, MXN: 1500, GBP: 69, EUR: 81, JPY: 13000 };
/** Amazon collects and remits US sales tax as marketplace facilitator (ItemWithheldTax rows). */
export const MARKETPLACE_FACILITATOR_COUNTRIES = new Set(['US']);

/** JPY has no minor unit: the simulator keeps hundredths everywhere, so yen amounts are multiples of 100. */
export function unitOf(currency: string): number {
	return currency === 'JPY' ? 100 : 1;
}

export function roundTo(amount: number, currency: string): number {
	const unit = unitOf(currency);
	const r = Math.round(amount / unit) * unit;
	return r === 0 ? 0 : r;
}

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Stable ids: derived from the seed and what they name, never from processing order. */
export function idRng(seed: number, ...parts: Array<string | number>): Rng {
	return new Rng(hashSeed(seed, ...parts));
}

/** 43 base64url characters, the shape of v0 group ids and 2024-06-19 transaction ids. */
export function opaqueId(seed: number, ...parts: Array<string | number>): string {
	return idRng(seed, ...parts).chars(43, B64URL);
}

export function digitsId(n: number, seed: number, ...parts: Array<string | number>): string {
	return idRng(seed, ...parts).digits(n).replace(/^0/, '1');
}

export function alnumId(prefix: string, n: number, seed: number, ...parts: Array<string | number>): string {
	return prefix + idRng(seed, ...parts).chars(n, ALNUM);
}

/** FBA's fulfilment network SKU, stable per ASIN. */
export function fnskuFor(asin: string): string {
	return 'X00' + new Rng(hashSeed('fnsku', asin)).chars(7, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789');
}

export const FULFILLMENT_CENTERS: Record<string, string[]> = {
	US: ['PHX7', 'ONT8', 'BFI4', 'MDW2', 'TEB9'],
	CA: ['YYZ4', 'YVR2'],
	MX: ['MEX1', 'MEX2'],
	GB: ['LTN4', 'BHX4', 'EDI4'],
	DE: ['FRA3', 'DUS2', 'LEJ1'],
	FR: ['ORY1', 'LYS1'],
	IT: ['MXP5', 'FCO1'],
	ES: ['MAD4', 'BCN1'],
	JP: ['NRT1', 'KIX2', 'HND3'],
};

/** Reason codes Amazon writes in the returns reports. */
export const RETURN_REASONS = ['UNWANTED_ITEM', 'DEFECTIVE', 'NOT_AS_DESCRIBED', 'ORDERED_WRONG_ITEM', 'DAMAGED_BY_CARRIER', 'QUALITY_UNACCEPTABLE', 'NO_REASON_GIVEN'];

export const REFUND_REASONS = ['CustomerReturn', 'NoInventory', 'CouldNotShip', 'PriceError', 'GeneralAdjustment'];
