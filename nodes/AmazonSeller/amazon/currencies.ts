/**
 * ISO 4217 currencies and their minor-unit exponent (how many decimals an amount has). Amazon
 * sends amounts as decimal strings; converting them to integer minor units needs the exponent,
 * and an unknown code is refused rather than guessed, since a wrong exponent scales every
 * amount by 10 or 100. Pure data, no n8n imports.
 */
const ZERO_DECIMALS = 'BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF';
const THREE_DECIMALS = 'BHD IQD JOD KWD LYD OMR TND';
const FOUR_DECIMALS = 'CLF UYW';
const TWO_DECIMALS =
	'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP BYN BZD ' +
	'CAD CDF CHE CHF CHW CNY COP COU CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS ' +
	'GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL ' +
	'MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK ' +
	'PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS ' +
	'TMT TOP TRY TTD TWD TZS UAH USD USN UYU UZS VED VES WST XCD YER ZAR ZMW ZWG';

const exponents = new Map<string, number>();
const register = (codes: string, exponent: number) => {
	for (const code of codes.split(' ')) exponents.set(code, exponent);
};
register(TWO_DECIMALS, 2);
register(ZERO_DECIMALS, 0);
register(THREE_DECIMALS, 3);
register(FOUR_DECIMALS, 4);

/** Decimals of the currency's minor unit (JPY 0, EUR 2, KWD 3), or undefined for an unknown code. */
export function currencyExponent(code: string): number | undefined {
	return exponents.get(code);
}
