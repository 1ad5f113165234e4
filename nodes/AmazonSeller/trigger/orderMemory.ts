/**
 * What the trigger remembers about single orders so that New Order and Order Canceled fire once per
 * order across days, in bounded space. Pure, no I/O; persisted as plain JSON inside the cursor.
 *
 * Entries are grouped by the UTC day the order was placed, so forgetting is dropping whole days:
 *   'p' seen, nothing one-time announced yet (pending, or FBA not shipped yet)
 *   'a' New Order announced, order still open (FBM unshipped / partially shipped)
 *   't' finished for the trigger: shipped, cancelled or unfulfillable, its one-time events decided
 * Finished orders are forgotten once their day is older than DONE_HORIZON_MS before the watermark,
 * open ones once it is older than OPEN_HORIZON_MS, and the oldest days go first when more than
 * MAX_ENTRIES orders are held. Each kind has a floor: an order placed on or after it that memory
 * does not hold has never been seen. The event rules (events.ts) refuse to decide for an unknown
 * order below the floor, so forgetting can lose a one-time event but never repeat one.
 */
import { DateTime } from 'luxon';

export type MemoryCode = 'p' | 'a' | 't';

export interface MemoryJson {
	/** UTC day (YYYYMMDD) the order was placed → order id → code. */
	days: Record<string, Record<string, MemoryCode>>;
	/** Floors raised by the size cap (the horizons give their own, computed from the watermark). */
	capDoneFloorMs?: number;
	capOpenFloorMs?: number;
}

const DAY_MS = 24 * 3600_000;
/** How long finished orders are remembered, counted from the day they were placed. */
export const DONE_HORIZON_MS = 14 * DAY_MS;
/** How long open orders are remembered (pre-orders and slow FBM orders stay open for weeks). */
export const OPEN_HORIZON_MS = 60 * DAY_MS;
/** About 3 MB of static data; sellers above it keep the newest orders (see docs/trigger.md). */
export const MAX_ENTRIES = 100_000;

export function dayKey(ms: number): string {
	return DateTime.fromMillis(ms, { zone: 'utc' }).toFormat('yyyyLLdd');
}

function dayStartMs(key: string): number {
	return DateTime.fromFormat(key, 'yyyyLLdd', { zone: 'utc' }).toMillis();
}

export class OrderMemory {
	private readonly days: Record<string, Record<string, MemoryCode>> = {};
	/** Days copied from the stored memory (copy on write: the stored object must not change before the poll commits). */
	private readonly owned = new Set<string>();
	private dropped = false;
	private capDoneFloorMs: number;
	private capOpenFloorMs: number;

	constructor(json?: Partial<MemoryJson>) {
		for (const [day, orders] of Object.entries(json?.days ?? {})) {
			if (/^\d{8}$/.test(day) && orders && typeof orders === 'object') this.days[day] = orders;
		}
		this.capDoneFloorMs = Number(json?.capDoneFloorMs) || 0;
		this.capOpenFloorMs = Number(json?.capOpenFloorMs) || 0;
	}

	get(orderId: string, createdMs: number): MemoryCode | undefined {
		return this.days[dayKey(createdMs)]?.[orderId];
	}

	set(orderId: string, createdMs: number, code: MemoryCode): void {
		this.writable(dayKey(createdMs))[orderId] = code;
	}

	/**
	 * The oldest placement times whose orders are still fully remembered, for finished and for open
	 * orders. Whole days are pruned when their last millisecond is older than the horizon, so the day
	 * holding (watermark − horizon) is still complete; the watermark only moves forward, so no later
	 * prune reaches below a floor computed now.
	 */
	floors(watermarkMs: number): { done: number; open: number } {
		return {
			done: Math.max(dayFloor(watermarkMs - DONE_HORIZON_MS), this.capDoneFloorMs, this.capOpenFloorMs),
			open: Math.max(dayFloor(watermarkMs - OPEN_HORIZON_MS), this.capOpenFloorMs),
		};
	}

	/** Forgets what the horizons and the size cap allow, measured from the watermark (so a backfill keeps its memory). */
	prune(watermarkMs: number, maxEntries = MAX_ENTRIES): void {
		for (const [day, orders] of Object.entries(this.days)) {
			const end = dayStartMs(day) + DAY_MS - 1;
			if (end < watermarkMs - OPEN_HORIZON_MS) this.dropDay(day);
			else if (end < watermarkMs - DONE_HORIZON_MS) this.dropFinished(day, orders);
		}
		let size = this.size;
		if (size <= maxEntries) return;
		const oldestFirst = Object.keys(this.days).sort();
		// Finished orders go first: an open order forgotten is a New Order or Canceled lost.
		for (const day of oldestFirst) {
			if (size <= maxEntries) return;
			const before = Object.keys(this.days[day]).length;
			this.dropFinished(day, this.days[day]);
			size -= before - Object.keys(this.days[day] ?? {}).length;
			this.capDoneFloorMs = Math.max(this.capDoneFloorMs, dayStartMs(day) + DAY_MS);
		}
		for (const day of oldestFirst) {
			if (size <= maxEntries) return;
			if (!this.days[day]) continue;
			size -= Object.keys(this.days[day]).length;
			this.dropDay(day);
			this.capOpenFloorMs = Math.max(this.capOpenFloorMs, dayStartMs(day) + DAY_MS);
		}
	}

	get size(): number {
		let n = 0;
		for (const orders of Object.values(this.days)) n += Object.keys(orders).length;
		return n;
	}

	/** Untouched days are the stored objects themselves; changed ones are copies. */
	toJSON(): MemoryJson {
		const json: MemoryJson = { days: { ...this.days } };
		if (this.capDoneFloorMs) json.capDoneFloorMs = this.capDoneFloorMs;
		if (this.capOpenFloorMs) json.capOpenFloorMs = this.capOpenFloorMs;
		return json;
	}

	private dropFinished(day: string, orders: Record<string, MemoryCode>): void {
		if (!Object.values(orders).includes('t')) return;
		const copy = this.writable(day);
		for (const [id, code] of Object.entries(copy)) if (code === 't') delete copy[id];
		if (Object.keys(copy).length === 0) this.dropDay(day);
	}

	private dropDay(day: string): void {
		delete this.days[day];
		this.dropped = true;
	}

	/** Whether anything changed since the memory was read (so an unchanged poll need not write it back). */
	get changed(): boolean {
		return this.dropped || this.owned.size > 0;
	}

	private writable(day: string): Record<string, MemoryCode> {
		if (!this.owned.has(day)) {
			this.days[day] = { ...(this.days[day] ?? {}) };
			this.owned.add(day);
		}
		return this.days[day];
	}
}

function dayFloor(ms: number): number {
	return Math.floor(ms / DAY_MS) * DAY_MS;
}
