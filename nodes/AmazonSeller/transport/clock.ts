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

interface Timer {
	at: number;
	seq: number;
	wake: () => void;
}

/**
 * A discrete-event clock: time only moves when every piece of tracked I/O has settled and
 * somebody is asleep; then it jumps to the earliest wake-up. Sleepers wake in time order, each at
 * its own target, so concurrent callers see the same timeline they would in real time, only
 * without the waiting.
 */
export class VirtualClock implements Clock {
	private t: number;
	private timers: Timer[] = [];
	private seq = 0;
	private inFlight = 0;
	private pumping = false;

	constructor(start: number | Date = Date.UTC(2026, 0, 5, 12, 0, 0)) {
		this.t = typeof start === 'number' ? start : start.getTime();
	}

	now(): number {
		return this.t;
	}

	async sleep(ms: number, signal?: AbortSignal): Promise<void> {
		if (signal?.aborted) throw abortReason(signal);
		await new Promise<void>((resolve, reject) => {
			const onAbort = () => {
				this.timers = this.timers.filter((t) => t !== timer);
				reject(abortReason(signal!));
			};
			const timer: Timer = {
				at: this.t + Math.max(0, ms),
				seq: this.seq++,
				wake: () => {
					signal?.removeEventListener('abort', onAbort);
					resolve();
				},
			};
			signal?.addEventListener('abort', onAbort, { once: true });
			this.timers.push(timer);
			this.schedulePump();
		});
	}

	async track<T>(work: Promise<T>): Promise<T> {
		this.inFlight++;
		try {
			return await work;
		} finally {
			this.inFlight--;
			this.schedulePump();
		}
	}

	private schedulePump(): void {
		if (this.pumping) return;
		this.pumping = true;
		// Let every continuation that is ready run (and start its I/O) before time moves.
		setImmediate(() => setImmediate(() => this.pump()));
	}

	private pump(): void {
		this.pumping = false;
		if (this.inFlight > 0 || this.timers.length === 0) return;
		this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
		const next = this.timers.shift()!;
		if (next.at > this.t) this.t = next.at;
		next.wake();
		if (this.timers.length) this.schedulePump();
	}

	/** Moves time forward without waiting (a test saying "an hour passes"). */
	advance(ms: number): void {
		this.t += Math.max(0, ms);
	}
}
