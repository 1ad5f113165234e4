/**
 * Things that happen at a virtual time (an order is paid, a feed finishes). Nothing runs on a timer:
 * every request and every state accessor first applies what is due at `clock.now()`, so a shared
 * VirtualClock can jump hours ahead and the world is consistent the moment anybody looks.
 */
interface Job {
	at: number;
	seq: number;
	run: (at: number) => void;
}

export class Scheduler {
	private heap: Job[] = [];
	private seq = 0;
	private running = false;

	at(at: number, run: (at: number) => void): void {
		const job = { at, seq: this.seq++, run };
		const h = this.heap;
		h.push(job);
		let i = h.length - 1;
		while (i > 0) {
			const p = (i - 1) >> 1;
			if (less(h[p], h[i])) break;
			[h[p], h[i]] = [h[i], h[p]];
			i = p;
		}
	}

	get pending(): number {
		return this.heap.length;
	}

	/** Runs every job due at or before `now`, in time order; jobs may schedule further jobs. */
	runDue(now: number): void {
		if (this.running) return;
		this.running = true;
		try {
			while (this.heap.length && this.heap[0].at <= now) {
				const job = this.pop();
				job.run(job.at);
			}
		} finally {
			this.running = false;
		}
	}

	private pop(): Job {
		const h = this.heap;
		const top = h[0];
		const last = h.pop()!;
		if (h.length) {
			h[0] = last;
			let i = 0;
			for (;;) {
				const l = 2 * i + 1;
				const r = l + 1;
				let m = i;
				if (l < h.length && less(h[l], h[m])) m = l;
				if (r < h.length && less(h[r], h[m])) m = r;
				if (m === i) break;
				[h[m], h[i]] = [h[i], h[m]];
				i = m;
			}
		}
		return top;
	}
}

function less(a: Job, b: Job): boolean {
	return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}
