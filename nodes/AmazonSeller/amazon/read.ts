import { DateTime } from 'luxon';

import { isRecord, type Json } from './json';
import { OrderMappingError } from './readError';

/**
 * Small readers for untyped order JSON. Each takes the object, the key and the path of the object,
 * and either returns a value of the expected type or throws an OrderMappingError that names the
 * field, so both order shapes validate the same way.
 */
export { isRecord, type Json } from './json';

export function at(path: string, key: string | number): string {
	if (typeof key === 'number') return `${path}[${key}]`;
	return path ? `${path}.${key}` : key;
}

function present(value: unknown): boolean {
	return value !== undefined && value !== null;
}

export function optRecord(obj: Json, key: string, path: string): Json | undefined {
	const value = obj[key];
	if (!present(value)) return undefined;
	if (!isRecord(value)) throw new OrderMappingError(at(path, key), 'must be an object');
	return value;
}

export function optArray(obj: Json, key: string, path: string): unknown[] | undefined {
	const value = obj[key];
	if (!present(value)) return undefined;
	if (!Array.isArray(value)) throw new OrderMappingError(at(path, key), 'must be a list');
	return value;
}

/** Each element of a list that must hold objects, with its path. */
export function records(list: unknown[] | undefined, path: string): Array<[Json, string]> {
	if (!list) return [];
	return list.map((entry, index) => {
		const entryPath = at(path, index);
		if (!isRecord(entry)) throw new OrderMappingError(entryPath, 'must be an object');
		return [entry, entryPath];
	});
}

/** Text; numbers are accepted (ids stored as numbers), blank text counts as absent. */
export function optString(obj: Json, key: string, path: string): string | undefined {
	const value = obj[key];
	if (!present(value)) return undefined;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value !== 'string') throw new OrderMappingError(at(path, key), 'must be text');
	const trimmed = value.trim();
	return trimmed === '' ? undefined : trimmed;
}

export function reqString(obj: Json, key: string, path: string): string {
	const value = optString(obj, key, path);
	if (value === undefined) throw new OrderMappingError(at(path, key), 'is missing');
	return value;
}

/** A flag; v0 sends some flags as the strings "true"/"false". */
export function optBool(obj: Json, key: string, path: string): boolean | undefined {
	const value = obj[key];
	if (!present(value)) return undefined;
	if (typeof value === 'boolean') return value;
	if (value === 'true' || value === 'false') return value === 'true';
	throw new OrderMappingError(at(path, key), 'must be true or false');
}

/** A count of units: a whole number of 0 or more (numeric strings accepted). */
export function optCount(obj: Json, key: string, path: string): number | undefined {
	const value = obj[key];
	if (!present(value)) return undefined;
	const number = typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isInteger(number) || number < 0) {
		throw new OrderMappingError(at(path, key), `must be a whole number of 0 or more, got ${JSON.stringify(value)}`);
	}
	return number;
}

export function reqCount(obj: Json, key: string, path: string): number {
	const value = optCount(obj, key, path);
	if (value === undefined) throw new OrderMappingError(at(path, key), 'is missing');
	return value;
}

/** An ISO 8601 date-time, returned in UTC ISO form so every ERP reads the same instant. */
export function optDate(obj: Json, key: string, path: string): string | undefined {
	const text = optString(obj, key, path);
	if (text === undefined) return undefined;
	const fast = utcIsoFast(text);
	if (fast !== undefined) return fast;
	const parsed = DateTime.fromISO(text, { zone: 'utc' });
	if (!parsed.isValid) throw new OrderMappingError(at(path, key), `must be an ISO 8601 date-time, got "${text}"`);
	return parsed.toISO({ suppressMilliseconds: true }) as string;
}

const UTC_ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?Z$/;

/**
 * The form Amazon sends nearly every date in ("2026-01-05T10:00:00Z", optionally with
 * milliseconds), normalised exactly as luxon would, without luxon's parser: it was a fifth of
 * the mapper's time. Anything else (offsets, invalid days) is left to luxon: undefined.
 */
export function utcIsoFast(text: string): string | undefined {
	const m = UTC_ISO.exec(text);
	if (!m) return undefined;
	const [, y, mo, d, h, mi, sec, ms = ''] = m;
	if (Number(y) < 1000) return undefined;
	const month = Number(mo);
	const day = Number(d);
	if (month < 1 || month > 12 || day < 1 || Number(h) > 23 || Number(mi) > 59 || Number(sec) > 59) return undefined;
	// Day 31 of a 30-day month (or Feb 29 of a common year) rolls over in Date.UTC: not valid.
	if (new Date(Date.UTC(Number(y), month - 1, day)).getUTCDate() !== day) return undefined;
	const millis = ms.padEnd(3, '0');
	return `${y}-${mo}-${d}T${h}:${mi}:${sec}${millis === '000' ? '' : `.${millis}`}Z`;
}

export function reqDate(obj: Json, key: string, path: string): string {
	const value = optDate(obj, key, path);
	if (value === undefined) throw new OrderMappingError(at(path, key), 'is missing');
	return value;
}

/** Reads the first present key among alternatives (stored data uses several spellings). */
export function firstKey(obj: Json, keys: string[]): string | undefined {
	return keys.find((key) => present(obj[key]));
}

/** The strings of an optional list, other entries ignored. */
export function stringList(obj: Json, key: string, path: string): string[] {
	return (optArray(obj, key, path) ?? []).filter((entry): entry is string => typeof entry === 'string');
}
