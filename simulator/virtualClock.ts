/**
 * A discrete-event clock for the simulator, tests and benchmarks: Amazon's slow rate limits (one
 * searchOrders call per 180 s) and hours of order flow run in milliseconds. Installed in the
 * transport with setClock(clock). Not part of the published package.
 */
import type { Clock } from '../nodes/AmazonSeller/transport';
import { abortReason } from '../nodes/AmazonSeller/transport';

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
