/**
 * Reads a value from an input item by a path like `body.order` or `orders[0].items`, so users
 * can point at the field holding the order without writing an expression.
 */
export function valueAtPath(root: unknown, path: string): unknown {
	const keys = path
		.replace(/\[(\d+)\]/g, '.$1')
		.split('.')
		.filter((key) => key !== '');
	let value = root;
	for (const key of keys) {
		if (value === null || typeof value !== 'object') return undefined;
		value = (value as Record<string, unknown>)[key];
	}
	return value;
}
