/**
 * Reading the dates users type or map (ISO 8601 text, JS Date, luxon DateTime) the same way in
 * every operation, and writing them the way Amazon's APIs take them. No n8n imports.
 */
import { DateTime } from 'luxon';

import { InputError } from './inputError';

/**
 * Epoch milliseconds of `value`, undefined when empty. Text without an offset is read in `zone`
 * (the workflow's timezone); a bad value throws an InputError naming `field`.
 */
export function readDate(value: unknown, field: string, zone = 'UTC'): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	let time: DateTime;
	if (value instanceof Date) time = DateTime.fromJSDate(value);
	else if (DateTime.isDateTime(value)) time = value;
	else time = DateTime.fromISO(String(value).trim(), { zone, setZone: true });
	if (!time.isValid) throw new InputError(field, `${field} "${String(value)}" is not a date; use ISO 8601 such as 2026-01-05T00:00:00Z`);
	return time.toMillis();
}

/** ISO 8601 in UTC, whole seconds (what Amazon's date parameters take). */
export function iso(ms: number): string {
	return DateTime.fromMillis(ms, { zone: 'utc' }).toISO({ suppressMilliseconds: true }) as string;
}
