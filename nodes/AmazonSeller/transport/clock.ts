import { sleep as n8nSleep } from 'n8n-workflow';

import { transportState } from './state';

/**
 * Time as the transport sees it. Production uses the system clock; the simulator, tests and
 * benchmarks install a virtual clock so that Amazon's slow rate limits (one searchOrders call per
 * 180 s) can be exercised in milliseconds of real time.
 */
export interface Clock {
	/** Milliseconds since the epoch. */
	now(): number;
	/** Resolves once `ms` milliseconds have passed on this clock; rejects when `signal` aborts first. */
	sleep(ms: number, signal?: AbortSignal): Promise<void>;
	/**
	 * Marks real I/O in progress. A virtual clock must not jump ahead while a request is on the
	 * wire, or requests sent "now" would arrive in the future; the system clock ignores this.
	 */
	track?<T>(work: Promise<T>): Promise<T>;
}

/** Wraps I/O so a virtual clock holds still until it settles. */
export async function trackIo<T>(work: Promise<T>): Promise<T> {
	const clock = getClock();
	return clock.track ? await clock.track(work) : await work;
}

/** Real time. Waits go through n8n-workflow's `sleep` (n8n's package scanner flags raw timers). */
export const systemClock: Clock = {
	now: () => Date.now(),
	sleep: async (ms, signal) => {
		if (signal?.aborted) throw abortReason(signal);
		await n8nSleep(Math.max(0, ms), signal);
	},
};

export function getClock(): Clock {
	return transportState.clock ?? systemClock;
}

/** Test and benchmark hook: every pacing decision and retry wait uses this clock from now on. */
export function setClock(clock: Clock): void {
	transportState.clock = clock === systemClock ? undefined : clock;
}

/** The error an aborted wait rejects with (the signal's reason when it is an Error). */
export function abortReason(signal: AbortSignal): Error {
	const reason: unknown = signal.reason;
	if (reason instanceof Error) return reason;
	const error = new Error(typeof reason === 'string' && reason ? reason : 'The operation was aborted');
	error.name = 'AbortError';
	return error;
}
