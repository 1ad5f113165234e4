/**
 * A Map with a size bound that forgets the least recently used entry first. `get` counts as a
 * use; insertion order of the underlying Map is the recency order (oldest first).
 */
export class LruMap<K, V> {
	private readonly entries = new Map<K, V>();

	constructor(readonly maxSize: number) {
		if (!Number.isInteger(maxSize) || maxSize < 1) throw new Error(`LruMap needs a positive size bound, got ${maxSize}`);
	}

	get size(): number {
		return this.entries.size;
	}

	get(key: K): V | undefined {
		const value = this.entries.get(key);
		if (value === undefined) return undefined;
		// Move to the most recent end.
		this.entries.delete(key);
		this.entries.set(key, value);
		return value;
	}

	has(key: K): boolean {
		return this.entries.has(key);
	}

	set(key: K, value: V): void {
		this.entries.delete(key);
		this.entries.set(key, value);
		while (this.entries.size > this.maxSize) {
			const oldest = this.entries.keys().next().value as K;
			this.entries.delete(oldest);
		}
	}

	delete(key: K): boolean {
		return this.entries.delete(key);
	}

	clear(): void {
		this.entries.clear();
	}
}
