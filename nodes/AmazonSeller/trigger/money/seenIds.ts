/**
 * Ids a money stream has emitted (refund ids, return ids, settlement reports), each with the time
 * that says when a later read can no longer return it, so the memory follows what can be read
 * again, not the history. Pure; stored as plain JSON in the money cursor.
 *
 * Bounded: above `max` ids the oldest are dropped and the floor rises past them. An id not held
 * whose time is below the floor may have been emitted before, so it is not emitted: like the order
 * memory (orderMemory.ts), forgetting can lose an event but never repeat one.
 */
export interface SeenJson {
	/** id → time (epoch ms) that orders forgetting. */
	ids: Record<string, number>;
	/** Ids with an earlier time than this were dropped by the size cap. */
	floorMs?: number;
}

export class SeenIds {
	private ids: Record<string, number>;
	private floor: number;
	/** The stored object is shared with n8n until the poll commits: copy it before the first change. */
	private owned = false;
	private dirty = false;

	constructor(
		json: unknown,
		private readonly max: number,
	) {
		const stored = json && typeof json === 'object' ? (json as Partial<SeenJson>) : {};
		this.ids = stored.ids && typeof stored.ids === 'object' ? stored.ids : {};
		this.floor = Number(stored.floorMs) || 0;
	}

	has(id: string): boolean {
		return Object.prototype.hasOwnProperty.call(this.ids, id);
	}

	/** Whether an id with this time that memory does not hold can be told new (it is not below the floor). */
	mayBeNew(timeMs: number): boolean {
		return timeMs >= this.floor;
	}

	get floorMs(): number {
		return this.floor;
	}

	add(id: string, timeMs: number): void {
		if (this.ids[id] === timeMs) return;
		this.writable()[id] = timeMs;
	}

	/** Forgets every id whose time is before `beforeMs` (no later read can return it), then enforces the cap. */
	forget(beforeMs: number): void {
		for (const [id, time] of Object.entries(this.ids)) {
			if (!(time >= beforeMs)) delete this.writable()[id];
		}
		this.cap();
	}

	get size(): number {
		return Object.keys(this.ids).length;
	}

	get changed(): boolean {
		return this.dirty;
	}

	toJSON(): SeenJson {
		return this.floor ? { ids: this.ids, floorMs: this.floor } : { ids: this.ids };
	}

	private cap(): void {
		const entries = Object.entries(this.ids);
		if (entries.length <= this.max) return;
		entries.sort((a, b) => a[1] - b[1]);
		const drop = entries.slice(0, entries.length - this.max);
		const ids = this.writable();
		for (const [id] of drop) delete ids[id];
		// Everything at or before the last dropped time may be one of the dropped ids.
		this.floor = Math.max(this.floor, drop[drop.length - 1][1] + 1);
	}

	private writable(): Record<string, number> {
		if (!this.owned) {
			this.ids = { ...this.ids };
			this.owned = true;
		}
		this.dirty = true;
		return this.ids;
	}
}
