import { DateTime } from 'luxon';

import { InputError } from './inputError';

const FIELD = 'Ship Date';
/** Clocks of ERP, n8n and Amazon differ by seconds; a ship date a little ahead is "now". */
const CLOCK_SKEW_MS = 60_000;
/** A date without a time is "today" somewhere on Earth for up to 14 hours after UTC midnight. */
const DATE_ONLY_LEEWAY_MS = 14 * 3_600_000;

/**
 * The ship date to send (ISO 8601, UTC, milliseconds), from what the user gave: empty means now;
 * ISO date-times, SQL-style dates, JS Dates and epoch milliseconds are read. Amazon does not take
 * a package shipped in the future, so a later date is an input error.
 */
export function resolveShipDate(value: unknown, now: number): string {
	const nowTime = DateTime.fromMillis(now, { zone: 'utc' });
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
		return nowTime.toISO() as string;
	}
	const { time, dateOnly } = parse(value);
	if (!time?.isValid) {
		throw new InputError(FIELD, `Ship Date "${String(value)}" is not a date; use ISO 8601 such as 2026-01-05T14:30:00Z`);
	}
	const ahead = time.toMillis() - now;
	const leeway = dateOnly ? DATE_ONLY_LEEWAY_MS : CLOCK_SKEW_MS;
	if (ahead > leeway) {
		throw new InputError(FIELD, `Ship Date ${time.toUTC().toISO()} is in the future (now is ${nowTime.toISO()}); Amazon only takes packages that have shipped`);
	}
	return (ahead > 0 ? nowTime : time.toUTC()).toISO() as string;
}

function parse(value: unknown): { time?: DateTime; dateOnly: boolean } {
	if (value instanceof Date) return { time: DateTime.fromJSDate(value), dateOnly: false };
	if (DateTime.isDateTime(value)) return { time: value, dateOnly: false };
	if (typeof value === 'number') return { time: DateTime.fromMillis(value), dateOnly: false };
	if (typeof value !== 'string') return { dateOnly: false };
	const text = value.trim();
	const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(text);
	// Without a zone, read the value as UTC: n8n's date picker sends local wall time without one,
	// and UTC is what Amazon stores.
	let time = DateTime.fromISO(text, { zone: 'utc', setZone: true });
	if (!time.isValid) time = DateTime.fromSQL(text, { zone: 'utc', setZone: true });
	if (!time.isValid) time = DateTime.fromRFC2822(text, { zone: 'utc', setZone: true });
	return { time, dateOnly };
}
