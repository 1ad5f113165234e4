import { currencyExponent } from '../../nodes/AmazonSeller/amazon/currencies';
import { OrderMappingError } from '../../nodes/AmazonSeller/amazon/readError';
import { divideRounded, formatMinor, parseMinor, requireExponent } from '../../nodes/AmazonSeller/amazon/money';

describe('exact money', () => {
	test.each([
		['USD', 2],
		['EUR', 2],
		['JPY', 0],
		['KRW', 0],
		['KWD', 3],
		['BHD', 3],
	])('%s has %i decimals', (code, decimals) => {
		expect(currencyExponent(code)).toBe(decimals);
	});

	test.each([
		['25.99', 2, 2599],
		['-5.00', 2, -500],
		['0.5', 2, 50],
		['5980', 0, 5980],
		['10.00', 0, 10], // v0 sends yen with ".00"
		['1.250', 3, 1250],
		[' 7 ', 2, 700],
	])('reads %p with %i decimals as %i minor units', (text, exponent, expected) => {
		expect(parseMinor(text, exponent, 'x')).toBe(expected);
	});

	test('stored JSON numbers are read through their decimal form, not float arithmetic', () => {
		expect(parseMinor(0.1 + 0.2, 2, 'x')).toBe(30);
		expect(parseMinor(1.005, 2, 'x')).toBe(101);
		expect(parseMinor(19.99, 2, 'x')).toBe(1999);
	});

	test('a string with a cent fraction is refused, not rounded away', () => {
		expect(() => parseMinor('12.345', 2, 'OrderItems[0].ItemPrice.Amount')).toThrow(/OrderItems\[0\]\.ItemPrice\.Amount.*more decimals/);
		expect(() => parseMinor('10.50', 0, 'a')).toThrow(/more decimals than the currency allows \(0\)/);
	});

	test.each([['12,30'], ['abc'], [''], ['1e3']])('%p is not an amount', (text) => {
		expect(() => parseMinor(text, 2, 'ItemPrice.Amount')).toThrow(OrderMappingError);
	});

	test('formats minor units with the currency decimals and keeps the sign', () => {
		expect(formatMinor(1234, 2)).toBe('12.34');
		expect(formatMinor(-5, 2)).toBe('-0.05');
		expect(formatMinor(5980, 0)).toBe('5980');
		expect(formatMinor(1250, 3)).toBe('1.250');
		expect(formatMinor(0, 2)).toBe('0.00');
	});

	test('divides minor units rounding half away from zero', () => {
		expect(divideRounded(1000, 3)).toBe(333);
		expect(divideRounded(1001, 2)).toBe(501);
		expect(divideRounded(-1001, 2)).toBe(-501);
		expect(divideRounded(5980, 2)).toBe(2990);
	});

	test('an unknown currency code is an error naming the field', () => {
		expect(() => requireExponent('XYZ', 'OrderTotal.CurrencyCode')).toThrow('OrderTotal.CurrencyCode: is an unknown currency "XYZ"');
	});
});
