/**
 * The trigger's ledger of events awaiting confirmation (n8n does not re-run an execution whose
 * worker died, and its payload is gone: docs/scale-out.md). Pure; stored in the cursor, so it is
 * committed together with the execution that carries the events.
 *
 * When the workflow has an Amazon Seller → Event → Confirm Delivery node, every emitted event is
 * recorded here until that node confirms it. An event not confirmed in time is delivered again
 * (same eventId; the ERP write is idempotent by it), waiting twice as long after each attempt,
 * up to MAX_ATTEMPTS deliveries.
 */
export const DEFAULT_REDELIVER_AFTER_MS = 10 * 60_000;
/** Redeliveries stop after this many deliveries in all (about a day with the default wait). */
export const MAX_ATTEMPTS = 8;
/** The longest wait between two deliveries. */
export const MAX_WAIT_MS = 6 * 3600_000;
/** Beyond this many unconfirmed events the oldest are given up (static data must stay small). */
export const MAX_PENDING = 50_000;

interface Entry {
	emittedMs: number;
	/** Deliveries so far (1 after the first emission). */
	deliveries: number;
}

/** Stored form: eventId → "emittedMs/deliveries". */
export type LedgerJson = Record<string, string>;

export class DeliveryLedger {
	private readonly entries = new Map<string, Entry>();

	constructor(json: LedgerJson | undefined) {
		for (const [eventId, value] of Object.entries(json ?? {})) {
			const [emitted, deliveries] = String(value).split('/').map(Number);
			if (Number.isFinite(emitted) && deliveries >= 1) this.entries.set(eventId, { emittedMs: emitted, deliveries });
		}
	}

	get size(): number {
		return this.entries.size;
	}

	get eventIds(): string[] {
		return [...this.entries.keys()];
	}

	/** Events just emitted for the first time. Returns those given up to stay under MAX_PENDING. */
	add(eventIds: string[], nowMs: number): string[] {
		for (const id of eventIds) this.entries.set(id, { emittedMs: nowMs, deliveries: 1 });
		const dropped: string[] = [];
		// Map order is insertion order: the oldest go first.
		for (const id of this.entries.keys()) {
			if (this.entries.size <= MAX_PENDING) break;
			this.entries.delete(id);
			dropped.push(id);
		}
		return dropped;
	}

	confirm(eventIds: Iterable<string>): void {
		for (const id of eventIds) this.entries.delete(id);
	}

	/** When an event is delivered again if still unconfirmed: the wait doubles with each delivery. */
	dueAt(eventId: string, afterMs: number): number | undefined {
		const entry = this.entries.get(eventId);
		if (!entry) return undefined;
		return entry.emittedMs + Math.min(MAX_WAIT_MS, afterMs * 2 ** (entry.deliveries - 1));
	}

	/** Unconfirmed events due for another delivery, oldest first, at most `limit`. */
	due(nowMs: number, afterMs: number, limit: number): string[] {
		const due: Array<[string, number]> = [];
		for (const id of this.entries.keys()) {
			const at = this.dueAt(id, afterMs)!;
			if (at <= nowMs) due.push([id, at]);
		}
		return due
			.sort((a, b) => a[1] - b[1])
			.slice(0, limit)
			.map(([id]) => id);
	}

	/** Events delivered again now. Returns those that reached MAX_ATTEMPTS: they are given up. */
	redelivered(eventIds: string[], nowMs: number): string[] {
		const givenUp: string[] = [];
		for (const id of eventIds) {
			const entry = this.entries.get(id);
			if (!entry) continue;
			entry.deliveries += 1;
			entry.emittedMs = nowMs;
			if (entry.deliveries >= MAX_ATTEMPTS) {
				this.entries.delete(id);
				givenUp.push(id);
			}
		}
		return givenUp;
	}

	deliveries(eventId: string): number {
		return this.entries.get(eventId)?.deliveries ?? 0;
	}

	toJSON(): LedgerJson {
		const json: LedgerJson = {};
		for (const [id, entry] of this.entries) json[id] = `${entry.emittedMs}/${entry.deliveries}`;
		return json;
	}
}

/** The order and event an eventId names (`<orderId>:newOrder`, `<orderId>:orderUpdated:<time>`). */
export function parseEventId(eventId: string): { orderId: string; event: string } | undefined {
	const [orderId, event] = eventId.split(':');
	return orderId && event ? { orderId, event } : undefined;
}
