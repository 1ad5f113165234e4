/**
 * Amounts and dates as Amazon's flat files write them in each marketplace, read value by value
 * without guessing:
 * - amounts: `-12.34` (North America, UK, JP), `-12,34` (continental EU), `5980` (JPY). Amazon
 *   writes no thousands separators, so the one separator a value has is its decimal separator.
 *   Exactly three digits after it, in a currency with fewer decimals (`1,234` in EUR or JPY), is
 *   refused as ambiguous: a thousands separator (1234) and a decimal one (1.234) both read it.
 * - dates: `2026-01-05` / `2026/01/05` (year first), `05.01.2026` / `05/01/2026` (day first: the
 *   UK and EU order; Amazon writes no month-first dates), each optionally followed by a time
 *   `08:00:00` and a zone (`UTC`, `GMT`, `Z`, `+01:00`), and ISO 8601 (`2026-01-05T08:00:00Z`).
 *   A time without a zone is UTC, as every settlement time is.
 * Errors return a reason (the caller names row and column). Pure: no n8n imports, no I/O.
 */
export type Parsed = { value: number; error?: undefined } | { value?: undefined; error: string };

const POWERS = [1, 10, 100, 1000, 10000, 100000, 1000000];

/** Minor units of a decimal amount in a currency with `exponent` decimals. */
export function parseLocaleAmount(text: string, exponent: number): Parsed {
	const result = readAmount(text, 0, text.length, exponent);
	return typeof result === 'number' ? { value: result } : { error: result };
}

/**
 * The amount written in text[start, end): its minor units, or the reason it is refused. Reads the
 * characters in place (no copy), so a report's amounts cost no allocation.
 */
export function readAmount(source: string, start: number, end: number, exponent: number): number | string {
	let index = start;
	let negative = false;
	const first = source.charCodeAt(start);
	if (first === 45 /* - */ || first === 43 /* + */) {
		negative = first === 45;
		index++;
	}
	let whole = 0;
	let wholeDigits = 0;
	let fraction = 0;
	let fractionDigits = 0;
	let kept = 0; // fraction digits kept (up to the exponent)
	let droppedNonZero = false;
	let separator = 0;
	for (; index < end; index++) {
		const code = source.charCodeAt(index);
		if (code >= 48 && code <= 57) {
			if (separator === 0) {
				whole = whole * 10 + (code - 48);
				wholeDigits++;
			} else {
				fractionDigits++;
				if (kept < exponent) {
					fraction = fraction * 10 + (code - 48);
					kept++;
				} else if (code !== 48) droppedNonZero = true;
			}
		} else if (code === 46 /* . */ || code === 44 /* , */) {
			if (separator !== 0) return `"${source.slice(start, end)}" has more than one separator; Amazon writes amounts without thousands separators (e.g. -1234.56 or -1234,56)`;
			separator = code;
		} else {
			return `"${source.slice(start, end)}" is not an amount (expected e.g. -12.34 or -12,34)`;
		}
	}
	if (wholeDigits + fractionDigits === 0) return `"${source.slice(start, end)}" is not an amount (expected e.g. -12.34 or -12,34)`;
	if (separator !== 0 && fractionDigits === 0) return `"${source.slice(start, end)}" ends with a separator`;
	if (fractionDigits > exponent) {
		if (fractionDigits === 3 && exponent < 3) {
			const text = source.slice(start, end);
			return `"${text}" is ambiguous: with a thousands separator it is ${text.replace(String.fromCharCode(separator), '')}, with a decimal one it has 3 decimals, more than the currency's ${exponent}; Amazon writes no thousands separators`;
		}
		if (droppedNonZero) return `"${source.slice(start, end)}" has more decimals than the currency allows (${exponent})`;
	}
	const minor = whole * POWERS[exponent] + fraction * POWERS[exponent - kept];
	if (!Number.isSafeInteger(minor)) return `"${source.slice(start, end)}" is too large`;
	return negative && minor !== 0 ? -minor : minor;
}

export type ParsedDate = { value: string; error?: undefined } | { value?: undefined; error: string };

const DATE_FORMATS = 'YYYY-MM-DD, YYYY/MM/DD, DD.MM.YYYY or DD/MM/YYYY, optionally with a time HH:MM:SS and a zone (UTC, Z, +01:00), or ISO 8601';
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const digit = (text: string, at: number): number => {
	const code = text.charCodeAt(at) - 48;
	return code >= 0 && code <= 9 ? code : NaN;
};
const number2 = (text: string, at: number) => digit(text, at) * 10 + digit(text, at + 1);
const number4 = (text: string, at: number) => number2(text, at) * 100 + number2(text, at + 2);
const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/**
 * A date or date-time as ISO 8601 in UTC: a date alone gives `2026-01-05`, a date-time
 * `2026-01-05T08:00:00Z` (an offset is applied: `…T09:00:00+01:00` gives `…T08:00:00Z`).
 */
export function parseLocaleDate(text: string): ParsedDate {
	const bad = (why = '') => ({ error: `"${text}" is not a date${why} (expected ${DATE_FORMATS})` });
	if (text.length < 10) return bad();
	let year: number;
	let month: number;
	let day: number;
	const c4 = text.charCodeAt(4);
	const c2 = text.charCodeAt(2);
	if ((c4 === 45 || c4 === 47) && text.charCodeAt(7) === c4) {
		year = number4(text, 0);
		month = number2(text, 5);
		day = number2(text, 8);
	} else if ((c2 === 46 || c2 === 47) && text.charCodeAt(5) === c2) {
		day = number2(text, 0);
		month = number2(text, 3);
		year = number4(text, 6);
	} else return bad();
	if (Number.isNaN(year + month + day)) return bad();
	if (month < 1 || month > 12) return bad(`: month ${month} does not exist${c2 === 47 ? ' (slashed dates are read day first, DD/MM/YYYY)' : ''}`);
	const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
	if (day < 1 || day > (month === 2 && leap ? 29 : DAYS[month - 1])) return bad(`: day ${day} does not exist in month ${month}`);
	const date = `${year}-${pad2(month)}-${pad2(day)}`;
	if (text.length === 10) return { value: date };

	// The time: " HH:MM:SS" or "THH:MM:SS", optional fraction, then the zone.
	const sep = text.charCodeAt(10);
	if (sep !== 32 && sep !== 84 /* T */) return bad();
	if (text.length < 19 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return bad();
	const hour = number2(text, 11);
	const minute = number2(text, 14);
	const second = number2(text, 17);
	if (Number.isNaN(hour + minute + second) || hour > 23 || minute > 59 || second > 59) return bad(': the time is not valid');
	let at = 19;
	if (text.charCodeAt(at) === 46 /* . */) {
		at++;
		while (at < text.length && !Number.isNaN(digit(text, at))) at++;
	}
	const zone = text.slice(at).trim();
	let offsetMinutes = 0;
	if (zone === '' || zone === 'Z' || zone === 'UTC' || zone === 'GMT' || zone === '+00:00' || zone === '+0000') {
		offsetMinutes = 0;
	} else {
		const sign = zone.charCodeAt(0);
		const hh = number2(zone, 1);
		const mm = zone.length === 6 && zone.charCodeAt(3) === 58 ? number2(zone, 4) : zone.length === 5 ? number2(zone, 3) : NaN;
		if ((sign !== 43 && sign !== 45) || Number.isNaN(hh + mm) || hh > 14 || mm > 59) {
			return bad(`: the zone "${zone}" is not UTC or an offset such as +01:00`);
		}
		offsetMinutes = (sign === 45 ? -1 : 1) * (hh * 60 + mm);
	}
	if (offsetMinutes === 0) return { value: `${date}T${pad2(hour)}:${pad2(minute)}:${pad2(second)}Z` };
	const utc = new Date(Date.UTC(year, month - 1, day, hour, minute, second) - offsetMinutes * 60_000);
	return { value: utc.toISOString().replace(/\.\d{3}Z$/, 'Z') };
}

/**
 * parseLocaleDate with a memory of what it read: a settlement repeats the same few dates on
 * thousands of rows, so each distinct text is parsed once. The memory is bounded.
 */
export function cachedDateParser(limit = 50_000): (text: string) => ParsedDate {
	let cache = new Map<string, ParsedDate>();
	return (text) => {
		let parsed = cache.get(text);
		if (parsed === undefined) {
			parsed = parseLocaleDate(text);
			if (cache.size >= limit) cache = new Map();
			cache.set(text, parsed);
		}
		return parsed;
	};
}
