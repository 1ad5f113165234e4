/**
 * Time as the transport sees it. Production uses the system clock; the simulator, tests and
 * benchmarks install a virtual clock so that Amazon's slow rate limits (one searchOrders call per
 * 180 s) can be exercised in milliseconds of real time.
 */
export interface Clock {
	/** Milliseconds since the epoch. */
	now(): number;
	/** Resolves once `ms` milliseconds have passed on this clock. */
	sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
	now: () => Date.now(),
	sleep: async (ms) => await new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms))),
};

let current: Clock = systemClock;

export function getClock(): Clock {
	return current;
}

/** Test and benchmark hook: every pacing decision and retry wait uses this clock from now on. */
export function setClock(clock: Clock): void {
	current = clock;
}

/**
 * A clock that only moves when somebody sleeps. `sleep(ms)` wakes at `now + ms` (measured when it
 * was called), so concurrent sleepers wake at the right virtual time rather than adding up.
 */
export class VirtualClock implements Clock {
	private t: number;

	constructor(start: number | Date = Date.UTC(2026, 0, 5, 12, 0, 0)) {
		this.t = typeof start === 'number' ? start : start.getTime();
	}

	now(): number {
		return this.t;
	}

	async sleep(ms: number): Promise<void> {
		const target = this.t + Math.max(0, ms);
		await new Promise<void>((resolve) => setImmediate(resolve));
		if (target > this.t) this.t = target;
	}

	/** Moves time forward without waiting (a test saying "an hour passes"). */
	advance(ms: number): void {
		this.t += Math.max(0, ms);
	}
}
