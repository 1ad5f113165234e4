/**
 * Amazon marketplaces: id → country, domain, currency, region, and whether listed prices include
 * tax there (EU, UK, JP, AU… show consumer prices with VAT/GST; North America adds sales tax).
 * Pure data, no n8n imports.
 */
export interface Marketplace {
	id: string;
	country: string;
	domain: string;
	currency: string;
	region: 'na' | 'eu' | 'fe';
	pricesIncludeTax: boolean;
}

const m = (id: string, country: string, domain: string, currency: string, region: Marketplace['region'], pricesIncludeTax: boolean): Marketplace => ({
	id,
	country,
	domain,
	currency,
	region,
	pricesIncludeTax,
});

export const MARKETPLACES: Marketplace[] = [
	m('ATVPDKIKX0DER', 'US', 'amazon.com', 'USD', 'na', false),
	m('A2EUQ1WTGCTBG2', 'CA', 'amazon.ca', 'CAD', 'na', false),
	m('A1AM78C64UM0Y8', 'MX', 'amazon.com.mx', 'MXN', 'na', true),
	m('A2Q3Y263D00KWC', 'BR', 'amazon.com.br', 'BRL', 'na', true),
	m('A1F83G8C2ARO7P', 'GB', 'amazon.co.uk', 'GBP', 'eu', true),
	m('A1PA6795UKMFR9', 'DE', 'amazon.de', 'EUR', 'eu', true),
	m('A13V1IB3VIYZZH', 'FR', 'amazon.fr', 'EUR', 'eu', true),
	m('APJ6JRA9NG5V4', 'IT', 'amazon.it', 'EUR', 'eu', true),
	m('A1RKKUPIHCS9HS', 'ES', 'amazon.es', 'EUR', 'eu', true),
	m('A1805IZSGTT6HS', 'NL', 'amazon.nl', 'EUR', 'eu', true),
	m('A2NODRKZP88ZB9', 'SE', 'amazon.se', 'SEK', 'eu', true),
	m('A1C3SOZRARQ6R3', 'PL', 'amazon.pl', 'PLN', 'eu', true),
	m('AMEN7PMS3EDWL', 'BE', 'amazon.com.be', 'EUR', 'eu', true),
	m('A28R8C7NBKEWEA', 'IE', 'amazon.ie', 'EUR', 'eu', true),
	m('A33AVAJ2PDY3EV', 'TR', 'amazon.com.tr', 'TRY', 'eu', true),
	m('A21TJRUUN4KGV', 'IN', 'amazon.in', 'INR', 'eu', true),
	m('A2VIGQ35RCS4UG', 'AE', 'amazon.ae', 'AED', 'eu', true),
	m('A17E79C6D8DWNP', 'SA', 'amazon.sa', 'SAR', 'eu', true),
	m('ARBP9OOSHTCHU', 'EG', 'amazon.eg', 'EGP', 'eu', true),
	m('AE08WJ6YKNBMC', 'ZA', 'amazon.co.za', 'ZAR', 'eu', true),
	m('A1VC38T7YXB528', 'JP', 'amazon.co.jp', 'JPY', 'fe', true),
	m('A39IBJ37TRP1C6', 'AU', 'amazon.com.au', 'AUD', 'fe', true),
	m('A19VAU5U5O7RUS', 'SG', 'amazon.sg', 'SGD', 'fe', true),
];

const byId = new Map(MARKETPLACES.map((entry) => [entry.id, entry]));

export function marketplaceById(id: string | undefined): Marketplace | undefined {
	return id ? byId.get(id) : undefined;
}

const byDomain = new Map(MARKETPLACES.map((entry) => [entry.domain, entry]));

/** A marketplace by its domain or name as reports write it: "Amazon.de", "amazon.co.jp", "www.amazon.com". */
export function marketplaceByDomain(name: string | undefined): Marketplace | undefined {
	if (!name) return undefined;
	return byDomain.get(name.trim().toLowerCase().replace(/^www\./, ''));
}
