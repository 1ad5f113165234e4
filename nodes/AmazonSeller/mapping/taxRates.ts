import { OrderMappingError } from '../amazon/readError';
import { divideRounded } from '../amazon/money';
import { marketplaceById, MARKETPLACES } from '../amazon/marketplaces';
import { at, isRecord } from '../amazon/read';

/**
 * VAT/GST rates the user supplies, for orders where Amazon shows tax-included prices but gives no
 * tax split (JP orders, 2026-01-01 orders without a TAX breakdown, …). Without a rate such an
 * amount's tax is unknown and reported as such; with one, the tax inside the gross amount is
 * gross × rate ÷ (100 + rate), rounded half away from zero to the minor unit.
 *
 * Lookup, most specific first: the SKU (reduced rates: books, food), the delivery country (EU
 * distance sales are taxed where the goods go), then the marketplace (id or country code). A SKU
 * rate applies in every country. Pure: no n8n imports.
 */
export interface TaxRate {
	/** The rate as given, in percent: "19", "7.7", "10". */
	text: string;
	/** percent = numerator ÷ denominator, exactly. */
	numerator: number;
	denominator: number;
}

export interface TaxRateTable {
	bySku: ReadonlyMap<string, TaxRate>;
	byCountry: ReadonlyMap<string, TaxRate>;
	byMarketplace: ReadonlyMap<string, TaxRate>;
}

/** Where a line's rate is looked up. */
export interface TaxRateQuery {
	sku?: string;
	deliveryCountry?: string;
	marketplaceId?: string;
}

/**
 * `{ skus?: { "BOOK-1": 7 }, countries?: { "FR": 20 }, marketplaces?: { "DE": 19, "A1VC38T7YXB528": 10 } }`;
 * rates are percentages from 0 to below 100, as numbers or decimal text.
 */
export function buildTaxRateTable(input: unknown, path = 'taxRates'): TaxRateTable {
	if (!isRecord(input)) throw new OrderMappingError(path, 'must be an object { skus?, countries?, marketplaces? } of rates in percent');
	for (const key of Object.keys(input)) {
		if (!['skus', 'countries', 'marketplaces'].includes(key)) throw new OrderMappingError(at(path, key), 'is not one of skus, countries, marketplaces');
	}
	const table = (key: string, normalize: (name: string, namePath: string) => string) => {
		const map = new Map<string, TaxRate>();
		const value = input[key];
		if (value === undefined || value === null) return map;
		if (!isRecord(value)) throw new OrderMappingError(at(path, key), 'must be an object of name → rate in percent');
		for (const [name, rate] of Object.entries(value)) {
			const entryPath = at(at(path, key), name);
			map.set(normalize(name, entryPath), readRate(rate, entryPath));
		}
		return map;
	};
	return {
		bySku: table('skus', (name) => name.trim()),
		byCountry: table('countries', (name, namePath) => countryCode(name, namePath)),
		byMarketplace: table('marketplaces', (name, namePath) => marketplaceKey(name, namePath)),
	};
}

export function findTaxRate(table: TaxRateTable, query: TaxRateQuery): TaxRate | undefined {
	if (query.sku !== undefined) {
		const rate = table.bySku.get(query.sku);
		if (rate) return rate;
	}
	if (query.deliveryCountry) {
		const rate = table.byCountry.get(query.deliveryCountry.toUpperCase());
		if (rate) return rate;
	}
	const marketplace = marketplaceById(query.marketplaceId);
	return (query.marketplaceId ? table.byMarketplace.get(query.marketplaceId) : undefined) ?? (marketplace ? table.byMarketplace.get(marketplace.country) : undefined);
}

/** The tax contained in a tax-included amount: gross × rate ÷ (100 + rate), half away from zero. */
export function taxInside(gross: number, rate: TaxRate): number {
	const numerator = gross * rate.numerator;
	if (!Number.isSafeInteger(numerator)) throw new OrderMappingError('taxRates', `the amount ${gross} is too large to compute its tax exactly`);
	return divideRounded(numerator, 100 * rate.denominator + rate.numerator);
}

function readRate(value: unknown, path: string): TaxRate {
	const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : typeof value === 'string' ? value.trim() : '';
	const match = /^(\d{1,2})(?:[.,](\d{1,4}))?$/.exec(text);
	if (!match) throw new OrderMappingError(path, `must be a rate in percent from 0 to below 100 with at most 4 decimals (e.g. 19 or 7.7), got ${JSON.stringify(value)}`);
	const decimals = match[2] ?? '';
	const denominator = 10 ** decimals.length;
	return { text: decimals ? `${match[1]}.${decimals}` : match[1], numerator: Number(match[1]) * denominator + Number(decimals || 0), denominator };
}

function countryCode(name: string, path: string): string {
	const code = name.trim().toUpperCase();
	if (!/^[A-Z]{2}$/.test(code)) throw new OrderMappingError(path, 'must be a two-letter country code such as DE or FR');
	return code;
}

function marketplaceKey(name: string, path: string): string {
	const key = name.trim();
	if (marketplaceById(key)) return key;
	const code = key.toUpperCase();
	if (MARKETPLACES.some((marketplace) => marketplace.country === code)) return code;
	throw new OrderMappingError(path, 'is neither an Amazon marketplace id nor the country code of a marketplace (DE, JP, …)');
}
