import { OrderMappingError } from '../amazon/readError';
import { parseMinor, requireExponent } from '../amazon/money';
import { at, isRecord, optRecord, optString, type Json } from '../amazon/read';

/**
 * Reads Amazon Money objects of one order: v0 spells them {CurrencyCode, Amount}, 2026-01-01
 * {currencyCode, amount}. Every amount must be in the order's currency; a stray currency is an
 * error, because adding yen to pounds would make every total wrong.
 */
export interface MoneyKeys {
	currency: 'CurrencyCode' | 'currencyCode';
	amount: 'Amount' | 'amount';
}
export const V0_MONEY: MoneyKeys = { currency: 'CurrencyCode', amount: 'Amount' };
export const MONEY_2026: MoneyKeys = { currency: 'currencyCode', amount: 'amount' };

export interface AmountReader {
	currency: string;
	exponent: number;
	/** Minor units of the Money at obj[key], or undefined when absent. */
	opt(obj: Json, key: string, path: string): number | undefined;
	/** As opt, absent counting as 0. */
	or0(obj: Json, key: string, path: string): number;
}

export function amountReader(currency: string, currencyPath: string, keys: MoneyKeys): AmountReader {
	const exponent = requireExponent(currency, currencyPath);
	const opt = (obj: Json, key: string, path: string): number | undefined => {
		const money = optRecord(obj, key, path);
		if (!money) return undefined;
		const moneyPath = at(path, key);
		const code = optString(money, keys.currency, moneyPath);
		if (code !== undefined && code !== currency) {
			throw new OrderMappingError(at(moneyPath, keys.currency), `is ${code} but the order is in ${currency}`);
		}
		if (money[keys.amount] === undefined || money[keys.amount] === null) {
			throw new OrderMappingError(at(moneyPath, keys.amount), 'is missing');
		}
		return parseMinor(money[keys.amount], exponent, at(moneyPath, keys.amount));
	};
	return { currency, exponent, opt, or0: (obj, key, path) => opt(obj, key, path) ?? 0 };
}

/** The currency code of the Money at obj[key], if there is one. */
export function currencyOf(obj: Json | undefined, key: string, keys: MoneyKeys): string | undefined {
	const money = obj?.[key];
	if (!isRecord(money)) return undefined;
	const code = money[keys.currency];
	return typeof code === 'string' && code.trim() !== '' ? code.trim() : undefined;
}
