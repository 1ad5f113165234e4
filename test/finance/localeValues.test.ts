import { parseLocaleAmount, parseLocaleDate } from '../../nodes/AmazonSeller/amazon/localeValues';

/** Amounts and dates as the marketplaces write them, read value by value, never guessed. */
describe('amounts', () => {
	test.each([
		['-12.34', 2, -1234],
		['-12,34', 2, -1234],
		['12,3', 2, 1230],
		['0.05', 2, 5],
		['-0,00', 2, 0],
		['+7.00', 2, 700],
		['1234', 2, 123400],
		['5980', 0, 5980],
		['-4900', 0, -4900],
		['5980.0', 0, 5980],
		['12.3400', 2, 1234],
		['1.250', 3, 1250],
		['1,234', 3, 1234],
		['99999999.99', 2, 9999999999],
	])('"%s" with %i decimals is %i minor units', (text, exponent, expected) => {
		expect(parseLocaleAmount(text, exponent)).toEqual({ value: expected });
	});

	test.each([
		['1,234', 2, /ambiguous: with a thousands separator it is 1234, with a decimal one it has 3 decimals/],
		['1.000', 2, /ambiguous/],
		['1,234', 0, /ambiguous/],
		['12.345', 2, /ambiguous/],
		['12.3456', 2, /more decimals than the currency allows \(2\)/],
		['12,5', 0, /more decimals than the currency allows \(0\)/],
		['1.234,56', 2, /more than one separator; Amazon writes amounts without thousands separators/],
		['1,234.56', 2, /more than one separator/],
		['12 34', 2, /is not an amount/],
		['USD 12.34', 2, /is not an amount/],
		['-', 2, /is not an amount/],
		['12.', 2, /ends with a separator/],
		['99999999999999999', 2, /too large/],
	])('"%s" with %i decimals is refused', (text, exponent, reason) => {
		const parsed = parseLocaleAmount(text, exponent);
		expect(parsed.value).toBeUndefined();
		expect(parsed.error).toMatch(reason);
	});
});

describe('dates', () => {
	test.each([
		['2026-01-05', '2026-01-05'],
		['2026/01/05', '2026-01-05'],
		['05.01.2026', '2026-01-05'],
		['05/01/2026', '2026-01-05'],
		['2026-01-05 08:00:00 UTC', '2026-01-05T08:00:00Z'],
		['05.01.2026 08:00:00 UTC', '2026-01-05T08:00:00Z'],
		['05/01/2026 08:00:00 UTC', '2026-01-05T08:00:00Z'],
		['2026/01/05 08:00:00 UTC', '2026-01-05T08:00:00Z'],
		['2026-01-05 08:00:00 GMT', '2026-01-05T08:00:00Z'],
		['2026-01-05 08:00:00', '2026-01-05T08:00:00Z'],
		['2026-01-05T08:00:00Z', '2026-01-05T08:00:00Z'],
		['2026-01-05T08:00:00.123Z', '2026-01-05T08:00:00Z'],
		['2026-01-05T09:00:00+01:00', '2026-01-05T08:00:00Z'],
		['2026-01-05T01:30:00+09:00', '2026-01-04T16:30:00Z'],
		['2025-12-31T20:00:00-05:00', '2026-01-01T01:00:00Z'],
		['2026-01-05 08:00:00 +0000', '2026-01-05T08:00:00Z'],
		['29.02.2028', '2028-02-29'],
	])('"%s" is %s', (text, expected) => {
		expect(parseLocaleDate(text)).toEqual({ value: expected });
	});

	test.each([
		['01/13/2026', /month 13 does not exist \(slashed dates are read day first, DD\/MM\/YYYY\)/],
		['31.04.2026', /day 31 does not exist in month 4/],
		['29.02.2026', /day 29 does not exist in month 2/],
		['2026-01-05 08:00:00 PST', /zone "PST" is not UTC or an offset/],
		['2026-01-05 25:00:00 UTC', /time is not valid/],
		['5.1.2026', /is not a date/],
		['January 5, 2026', /is not a date/],
		['', /is not a date/],
	])('"%s" is refused', (text, reason) => {
		expect(parseLocaleDate(text).error).toMatch(reason);
	});
});
