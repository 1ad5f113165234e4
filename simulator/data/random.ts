/**
 * Seeded randomness. Every generated value (orders, names, ids, fault draws) comes from here so that
 * a test run with the same seed sees byte-identical data and the same fault sequence.
 */
export class Rng {
	private s: number;

	constructor(seed: number) {
		this.s = seed >>> 0 || 0x9e3779b9;
	}

	/** mulberry32: tiny, fast and good enough for test data. */
	next(): number {
		let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}

	/** Inclusive on both ends. */
	int(min: number, max: number): number {
		return min + Math.floor(this.next() * (max - min + 1));
	}

	chance(p: number): boolean {
		return this.next() < p;
	}

	pick<T>(items: readonly T[]): T {
		return items[Math.floor(this.next() * items.length)];
	}

	/** Picks by weight: `[[value, weight], ...]`. */
	weighted<T>(entries: ReadonlyArray<readonly [T, number]>): T {
		const total = entries.reduce((s, [, w]) => s + w, 0);
		let r = this.next() * total;
		for (const [v, w] of entries) {
			r -= w;
			if (r < 0) return v;
		}
		return entries[entries.length - 1][0];
	}

	digits(n: number): string {
		let out = '';
		for (let i = 0; i < n; i++) out += String(Math.floor(this.next() * 10));
		return out;
	}

	chars(n: number, alphabet: string): string {
		let out = '';
		for (let i = 0; i < n; i++) out += alphabet[Math.floor(this.next() * alphabet.length)];
		return out;
	}

	hex(n: number): string {
		return this.chars(n, '0123456789abcdef');
	}

	uuid(): string {
		const h = this.hex(32);
		return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
	}
}

/** FNV-1a, used to derive stable sub-seeds (e.g. an order's buyer from its id) without storing them. */
export function hashSeed(...parts: Array<string | number>): number {
	let h = 0x811c9dc5;
	for (const part of parts) {
		const s = String(part);
		for (let i = 0; i < s.length; i++) {
			h ^= s.charCodeAt(i);
			h = Math.imul(h, 0x01000193);
		}
		h ^= 0x2f;
		h = Math.imul(h, 0x01000193);
	}
	return h >>> 0;
}
