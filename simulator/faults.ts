/**
 * Scripted misbehaviour: throttles, 5xx, dropped connections, latency and early token expiry, drawn
 * from a seeded PRNG so a failing run can be replayed.
 */
import { Rng } from './data/random';

export type FaultKind = '429' | '500' | '503' | 'reset' | 'slow' | 'expiredToken';

export interface FaultSpec {
	/** Operation id(s) (or 'lwaToken', 'upload', 'download'); all operations when omitted. */
	operation?: string | string[];
	kind: FaultKind;
	/** Chance per matching call; 1 when omitted. */
	probability?: number;
	/** Stop after this many hits; unlimited when omitted. */
	times?: number;
	/** For 'slow': real milliseconds to wait before answering (keep it small). */
	delayMs?: number;
}

interface ActiveFault extends FaultSpec {
	hits: number;
}

export class Faults {
	private active: ActiveFault[] = [];
	private rng: Rng;

	constructor(seed: number) {
		this.rng = new Rng(seed ^ 0xfa17);
	}

	add(spec: FaultSpec): void {
		this.active.push({ ...spec, hits: 0 });
	}

	clear(): void {
		this.active = [];
	}

	get list(): ReadonlyArray<Readonly<FaultSpec & { hits: number }>> {
		return this.active;
	}

	/** The first matching fault that fires for this call, counted against its `times`. */
	draw(operation: string): FaultSpec | undefined {
		for (const f of this.active) {
			if (f.operation !== undefined) {
				const ops = Array.isArray(f.operation) ? f.operation : [f.operation];
				if (!ops.includes(operation)) continue;
			}
			if (f.times !== undefined && f.hits >= f.times) continue;
			if (f.probability !== undefined && f.probability < 1 && !this.rng.chance(f.probability)) continue;
			f.hits++;
			return f;
		}
		return undefined;
	}
}
