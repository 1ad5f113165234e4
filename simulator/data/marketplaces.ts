/** Real marketplace ids, the facts the Sellers API reports for them, and how each prices and taxes. */
export type Region = 'na' | 'eu' | 'fe';

export interface MarketplaceInfo {
	id: string;
	/** Sellers API `name`, also the Orders API `marketplaceName` and the report's sales-channel. */
	name: string;
	countryCode: string;
	currency: string;
	language: string;
	domainName: string;
	region: Region;
	/** EU and JP list prices include VAT/consumption tax; US, CA and MX add sales tax on top. */
	taxIncluded: boolean;
	/** Standard VAT / consumption tax, or a typical US/CA/MX sales-tax rate. */
	taxRate: number;
	/** Multiplier from the catalogue's USD base price. */
	fx: number;
	/** First group of the 3-7-7 order id; Amazon's ids start with marketplace-typical prefixes. */
	orderPrefixes: string[];
	fbaChannelCode: 'AMAZON_NA' | 'AMAZON_EU' | 'AMAZON_JP';
}

const m = (
	id: string,
	name: string,
	countryCode: string,
	currency: string,
	language: string,
	region: Region,
	taxIncluded: boolean,
	taxRate: number,
	fx: number,
	orderPrefixes: string[],
): MarketplaceInfo => ({
	id,
	name,
	countryCode,
	currency,
	language,
	domainName: 'www.' + name.toLowerCase(),
	region,
	taxIncluded,
	taxRate,
	fx,
	orderPrefixes,
	fbaChannelCode: region === 'na' ? 'AMAZON_NA' : region === 'eu' ? 'AMAZON_EU' : 'AMAZON_JP',
});

export const MARKETPLACES: Record<string, MarketplaceInfo> = Object.fromEntries(
	[
		m('ATVPDKIKX0DER', 'Amazon.com', 'US', 'USD', 'en_US', 'na', false, 0.0825, 1, ['111', '112', '113', '114']),
		m('A2EUQ1WTGCTBG2', 'Amazon.ca', 'CA', 'CAD', 'en_CA', 'na', false, 0.13, 1.36, ['701', '702']),
		m('A1AM78C64UM0Y8', 'Amazon.com.mx', 'MX', 'MXN', 'es_MX', 'na', false, 0.16, 17.2, ['701', '702']),
		m('A1F83G8C2ARO7P', 'Amazon.co.uk', 'GB', 'GBP', 'en_GB', 'eu', true, 0.2, 0.79, ['202', '203', '204', '205', '206']),
		m('A1PA6795UKMFR9', 'Amazon.de', 'DE', 'EUR', 'de_DE', 'eu', true, 0.19, 0.93, ['302', '303', '304', '305', '306']),
		m('A13V1IB3VIYZZH', 'Amazon.fr', 'FR', 'EUR', 'fr_FR', 'eu', true, 0.2, 0.93, ['402', '403', '404', '405', '407']),
		m('APJ6JRA9NG5V4', 'Amazon.it', 'IT', 'EUR', 'it_IT', 'eu', true, 0.22, 0.93, ['402', '403', '404', '405', '406', '408']),
		m('A1RKKUPIHCS9HS', 'Amazon.es', 'ES', 'EUR', 'es_ES', 'eu', true, 0.21, 0.93, ['402', '403', '404', '405', '406', '408']),
		m('A1VC38T7YXB528', 'Amazon.co.jp', 'JP', 'JPY', 'ja_JP', 'fe', true, 0.1, 150, ['249', '250', '503']),
	].map((x) => [x.id, x]),
);

export const SP_API_HOSTS: Record<Region, string> = {
	na: 'sellingpartnerapi-na.amazon.com',
	eu: 'sellingpartnerapi-eu.amazon.com',
	fe: 'sellingpartnerapi-fe.amazon.com',
};

/** Where feed and report documents live (pre-signed S3 URLs in production). */
export const DOCUMENT_HOSTS: Record<Region, string> = {
	na: 'tortuga-prod-na.s3-external-1.amazonaws.com',
	eu: 'tortuga-prod-eu.s3-eu-west-1.amazonaws.com',
	fe: 'tortuga-prod-fe.s3-us-west-2.amazonaws.com',
};

export const LWA_HOST = 'api.amazon.com';

/** `sellingpartnerapi-eu.amazon.com` or `sandbox.sellingpartnerapi-eu.amazon.com` → 'eu'. */
export function regionOfHost(host: string): { region: Region; sandbox: boolean } | undefined {
	const match = /^(sandbox\.)?sellingpartnerapi-(na|eu|fe)\.amazon\.com$/.exec(host);
	if (!match) return undefined;
	return { region: match[2] as Region, sandbox: !!match[1] };
}

/** Money in minor units (cents) to Amazon's decimal string; SP-API sends two decimals, JPY included. */
export function money(minor: number, currencyCode: string): { amount: string; currencyCode: string } {
	return { amount: formatAmount(minor), currencyCode };
}

export function formatAmount(minor: number): string {
	const sign = minor < 0 ? '-' : '';
	const abs = Math.abs(Math.round(minor));
	return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
