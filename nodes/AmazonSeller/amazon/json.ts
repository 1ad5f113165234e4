/** Untyped JSON as Amazon sends it, and the one guard every reader of it uses. Pure. */
export type Json = Record<string, unknown>;

export function isRecord(value: unknown): value is Json {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
