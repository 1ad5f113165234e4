import { currencyExponent } from './currencies';
import { OrderMappingError } from './readError';

/**
 * Exact money: amounts are held as integer minor units (cents, yen, fils) of one currency, so
 * sums and differences never drift; they leave the mapper as decimal strings with the currency
 * beside them. Floats appear only where an ERP field is a float (the Odoo preset's price_unit).
 */
export interface Money {
	/** Decimal string with the currency's number of decimals: "12.30", "5980", "1.250". */
	amount: string;
	/** ISO 4217 code. */
	currency: string;
}

const DECIMAL = /^([+-])?(\d+)(?:\.(\d*))?$/;

/** The exponent of a currency the order uses, refusing unknown codes. */
export function requireExponent(currency: string, path: string): number {
	const exponent = currencyExponent(currency);
	if (exponent === undefined) {
		throw new OrderMappingError(path, `is an unknown currency "${currency}" (expected an ISO 4217 code such as USD, EUR or JPY)`);
	}
	return exponent;
}

/**
 * Parses Amazon's decimal amount into minor units. Strings must not carry more decimals than the
 * currency has (a cent fraction would be silently lost); numbers from stored JSON are already
 * binary approximations, so they are read through their shortest decimal form and rounded.
 */
export function parseMinor(value: unknown, exponent: number, path: string): number {
	let text: string;
	let fromNumber = false;
	if (typeof value === 'number' && Number.isFinite(value)) {
		text = Math.abs(value) < 1e-6 || Math.abs(value) >= 1e15 ? value.toFixed(exponent) : String(value);
		fromNumber = true;
	} else if (typeof value === 'string') {
		text = value.trim();
	} else {
		throw new OrderMappingError(path, `must be a decimal amount, got ${describe(value)}`);
	}
	const match = DECIMAL.exec(text);
	if (!match) throw new OrderMappingError(path, `must be a decimal amount, got "${text}"`);
	const [, sign, whole, fraction = ''] = match;
	let digits = fraction.padEnd(exponent, '0');
	let roundUp = false;
	if (digits.length > exponent) {
		const dropped = digits.slice(exponent);
		if (!fromNumber && /[1-9]/.test(dropped)) {
			throw new OrderMappingError(path, `"${text}" has more decimals than the currency allows (${exponent})`);
		}
		roundUp = dropped.charCodeAt(0) >= 53; // '5': half away from zero, only for numbers
		digits = digits.slice(0, exponent);
	}
	let minor = Number(whole + digits) + (roundUp ? 1 : 0);
	if (!Number.isSafeInteger(minor)) throw new OrderMappingError(path, `"${text}" is too large`);
	if (sign === '-') minor = -minor;
	return minor === 0 ? 0 : minor; // no negative zero
}

/** Formats minor units as a decimal string: (1234, 2) → "12.34", (-5, 2) → "-0.05", (5980, 0) → "5980". */
export function formatMinor(minor: number, exponent: number): string {
	const negative = minor < 0;
	const digits = String(Math.abs(minor));
	if (exponent === 0) return negative ? `-${digits}` : digits;
	const padded = digits.padStart(exponent + 1, '0');
	const text = `${padded.slice(0, -exponent)}.${padded.slice(-exponent)}`;
	return negative ? `-${text}` : text;
}

/** Integer division of minor units rounded half away from zero, without floating point. */
export function divideRounded(minor: number, divisor: number): number {
	const quotient = Math.trunc(minor / divisor);
	const remainder = minor - quotient * divisor;
	if (2 * Math.abs(remainder) >= divisor) return quotient + Math.sign(minor);
	return quotient;
}

/** A currency-aware formatter for one order, so every amount leaves with its currency. */
export interface MoneyFormat {
	currency: string;
	exponent: number;
	money(minor: number): Money;
	/** Minor units as a float in major units, for ERP fields that are floats. */
	toNumber(minor: number): number;
}

export function moneyFormat(currency: string, exponent: number): MoneyFormat {
	const scale = 10 ** exponent;
	return {
		currency,
		exponent,
		money: (minor) => ({ amount: formatMinor(minor, exponent), currency }),
		toNumber: (minor) => minor / scale,
	};
}

function describe(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}
