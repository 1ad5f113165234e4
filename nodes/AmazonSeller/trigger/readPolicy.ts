/**
 * When the trigger may spend searchOrders budget. Pure.
 *
 * searchOrders sustains one call per 1/0.0056 s ≈ 179 s per seller and app, after a burst of 20,
 * and that budget is shared by every trigger and node of the account in this process (the
 * transport's token buckets). So a poll reads one window when a steady interval has passed since
 * its last read, and reads more only while it is behind and the bucket holds more than a reserve
 * left for the account's other workflows. A poll that finds nothing to spend skips quietly: the
 * watermark has not moved, so the next poll reads what this one did not.
 */
import { triggerState } from '../state';
import { OPERATIONS } from '../transport';

/** The sustained interval between reads, in ms (≈ 179 s), from the published usage plan the transport paces with. */
export const STEADY_INTERVAL_MS = Math.ceil(1000 / OPERATIONS.searchOrders.rate);
/** Tokens kept for the account's other searchOrders users (Get Many, other triggers). */
export const RESERVE_TOKENS = 2;
/** Windows one poll reads at most (20 is the whole burst). */
export const MAX_WINDOWS_PER_POLL = 20;
/**
 * Calls a window too dense to narrow may need (pages twice over); such a read waits until the
 * bucket holds them, rather than spending the first page on every poll and never finishing.
 */
export const DEEP_READ_TOKENS = 10;

export interface ReadPolicyInput {
	nowMs: number;
	lastReadMs?: number;
	/** Whole searchOrders calls the account may make right now. */
	tokensNow: number;
	/** Whether settled changes are waiting beyond what one window reads (backlog, overflow). */
	behind: boolean;
	/** Triggers of this account polling in this process (this one included): they take turns. */
	sharers?: number;
}

/** Whether this poll may start reading at all. */
export function mayStartReading(input: ReadPolicyInput & { deepRead?: boolean }): boolean {
	if (input.tokensNow < 1) return false;
	if (input.deepRead) return input.tokensNow - RESERVE_TOKENS >= DEEP_READ_TOKENS;
	// With N triggers on one account each reads every N steady intervals, so together they spend
	// what the bucket refills and the one that polls first in a minute cannot starve the others.
	const interval = STEADY_INTERVAL_MS * Math.max(1, input.sharers ?? 1);
	const rested = input.lastReadMs === undefined || input.nowMs - input.lastReadMs >= interval;
	if (rested) return true;
	// Between steady reads only a trigger that is behind may use the burst, and never the reserve.
	return input.behind && input.tokensNow - RESERVE_TOKENS >= 1;
}

/** A trigger that has not polled for this long no longer counts as sharing the account. */
const SHARER_TIMEOUT_MS = 15 * 60_000;

/**
 * Records that a trigger polled and returns how many triggers of the account polled recently in
 * this process (process-wide, like the transport's token buckets).
 */
export function noteTriggerPoll(accountKey: string, triggerKey: string, nowMs: number): number {
	let triggers = triggerState.sharers.get(accountKey);
	if (!triggers) triggerState.sharers.set(accountKey, (triggers = new Map()));
	triggers.set(triggerKey, nowMs);
	for (const [key, at] of triggers) if (nowMs - at > SHARER_TIMEOUT_MS || at > nowMs) triggers.delete(key);
	triggers.set(triggerKey, nowMs);
	return triggers.size;
}

/** Whether, after `windowsRead` windows this poll, one more may be read. */
export function mayReadAnother(windowsRead: number, tokensNow: number): boolean {
	return windowsRead < MAX_WINDOWS_PER_POLL && tokensNow - RESERVE_TOKENS >= 1;
}

/**
 * The shortest interval between the node's polls, from n8n's Poll Times, or undefined when it
 * cannot be told (custom cron). n8n fires at most once a minute.
 */
export function shortestPollIntervalMs(pollTimes: unknown): number | undefined {
	const items = (pollTimes as { item?: Array<Record<string, unknown>> } | undefined)?.item ?? [];
	let shortest: number | undefined;
	for (const item of items) {
		const ms = intervalOf(item);
		if (ms !== undefined && (shortest === undefined || ms < shortest)) shortest = ms;
	}
	if (items.length > 1 && shortest !== undefined) {
		// Several daily/hourly entries fire more often together; a minute is the floor either way.
		shortest = Math.max(60_000, Math.min(shortest, (24 * 3600_000) / items.length));
	}
	return shortest;
}

function intervalOf(item: Record<string, unknown>): number | undefined {
	const value = Number(item.value);
	switch (item.mode) {
		case 'everyMinute':
			return 60_000;
		case 'everyHour':
			return 3600_000;
		case 'everyDay':
			return 24 * 3600_000;
		case 'everyWeek':
			return 7 * 24 * 3600_000;
		case 'everyMonth':
			return 28 * 24 * 3600_000;
		case 'everyX':
			if (!Number.isFinite(value) || value <= 0) return undefined;
			return item.unit === 'hours' ? value * 3600_000 : value * 60_000;
		default:
			return undefined;
	}
}
