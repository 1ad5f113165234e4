/** Splitting work into Amazon-sized batches. No n8n imports. */

/** Splits a list into batches of at most `size` (Amazon's per-call identifier limits). */
export function chunk<T>(list: T[], size: number): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
	return out;
}

/** Groups a list by key, keeping first-seen order of keys and entries. */
export function groupBy<T>(list: T[], key: (entry: T) => string): Map<string, T[]> {
	const groups = new Map<string, T[]>();
	for (const entry of list) {
		const k = key(entry);
		const group = groups.get(k);
		if (group) group.push(entry);
		else groups.set(k, [entry]);
	}
	return groups;
}
