import { DateTime } from 'luxon';

import { InputError } from './inputError';

const FIELD = 'Ship Date';
/** Clocks of ERP, n8n and Amazon differ by seconds; a ship date a little ahead is "now". */
const CLOCK_SKEW_MS = 60_000;

/**
 * The ship date to send (ISO 8601, UTC, milliseconds), from what the user gave: empty means now;
 * ISO date-times, SQL-style dates, JS Dates and epoch milliseconds are read. A value without a
 * zone (n8n's date picker sends local wall time) is read in `zone`, the workflow's time zone.
 * Amazon does not take a package shipped in the future, so a later date is an input error.
 */
export function resolveShipDate(value: unknown, now: number, zone = 'UTC'): string {
	const nowTime = DateTime.fromMillis(now, { zone: 'utc' });
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
		return nowTime.toISO() as string;
	}
	const time = parse(value, zone);
	if (!time?.isValid) {
		throw new InputError(FIELD, `Ship Date "${String(value)}" is not a date; use ISO 8601 such as 2026-01-05T14:30:00Z`);
	}
	const ahead = time.toMillis() - now;
	if (ahead > CLOCK_SKEW_MS) {
		throw new InputError(FIELD, `Ship Date ${time.toUTC().toISO()} is in the future (now is ${nowTime.toISO()}); Amazon only takes packages that have shipped`);
	}
	return (ahead > 0 ? nowTime : time.toUTC()).toISO() as string;
}

function parse(value: unknown, zone: string): DateTime | undefined {
	if (value instanceof Date) return DateTime.fromJSDate(value);
	if (DateTime.isDateTime(value)) return value;
	if (typeof value === 'number') return DateTime.fromMillis(value);
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	let time = DateTime.fromISO(text, { zone, setZone: true });
	if (!time.isValid) time = DateTime.fromSQL(text, { zone, setZone: true });
	if (!time.isValid) time = DateTime.fromRFC2822(text, { zone, setZone: true });
	return time;
}
