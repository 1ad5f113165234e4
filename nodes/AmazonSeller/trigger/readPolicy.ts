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
export const SEARCH_RATE_PER_S = 0.0056;
/** The sustained interval between reads, in ms (≈ 179 s). */
export const STEADY_INTERVAL_MS = Math.ceil(1000 / SEARCH_RATE_PER_S);
/** Tokens kept for the account's other searchOrders users (Get Many, other triggers). */
export const RESERVE_TOKENS = 2;
/** Windows one poll reads at most (20 is the whole burst). */
export const MAX_WINDOWS_PER_POLL = 20;

export interface ReadPolicyInput {
	nowMs: number;
	lastReadMs?: number;
	/** Whole searchOrders calls the account may make right now. */
	tokensNow: number;
	/** Whether settled changes are waiting beyond what one window reads (backlog, overflow). */
	behind: boolean;
}

/** Whether this poll may start reading at all. */
export function mayStartReading(input: ReadPolicyInput): boolean {
	if (input.tokensNow < 1) return false;
	const rested = input.lastReadMs === undefined || input.nowMs - input.lastReadMs >= STEADY_INTERVAL_MS;
	if (rested) return true;
	// Between steady reads only a trigger that is behind may use the burst, and never the reserve.
	return input.behind && input.tokensNow - RESERVE_TOKENS >= 1;
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
