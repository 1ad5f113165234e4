import { OrderMappingError } from '../amazon/readError';
import { at, isRecord } from '../amazon/read';

/**
 * The account table a user fills for Map Payout to Journal Entry: which ERP account books each
 * kind of Amazon amount. Keys are `transaction-type/amount-type/amount-description` as Amazon's
 * settlement report writes them (`Order/ItemPrice/Principal`), matched ignoring case and the
 * spaces around each part. A part `*` matches anything: `Order/ItemPrice/*`, `*\/ItemFees/*`;
 * a shorter key is a prefix (`Order` = `Order/*\/*`, `Order/ItemFees` = `Order/ItemFees/*`); `*`
 * alone is the default account. Descriptions may contain `/`: everything after the second `/` is
 * the description.
 *
 * When several keys match, the most specific wins: the one with more named parts; between equals,
 * a named amount type beats a named description, which beats a named transaction type (so
 * `*\/ItemFees/*` books Order/ItemFees/Commission before `Order/*\/*` does: a fee is a fee whatever
 * the transaction). Pure: no n8n imports.
 */
export type ErpAccountRef = string | number;

export interface AccountRule {
	/** The key as the user wrote it. */
	pattern: string;
	account: ErpAccountRef;
	/** Lower-case named parts; null is `*`. */
	parts: [string | null, string | null, string | null];
	specificity: number;
}

export interface AccountTable {
	rules: AccountRule[];
	/** The rule that books an amount of this type, or undefined when none does (an unmapped type). */
	resolve(transactionType: string, amountType: string, amountDescription: string): AccountRule | undefined;
}

/**
 * Builds the table from `{ "Order/ItemPrice/Principal": "400100", … }` or
 * `[{ "key": "Order/ItemPrice/Principal", "account": "400100" }, …]`.
 */
export function buildAccountTable(input: unknown, path = 'accounts'): AccountTable {
	const entries: Array<[string, unknown, string]> = [];
	if (Array.isArray(input)) {
		input.forEach((entry, index) => {
			const entryPath = at(path, index);
			if (!isRecord(entry)) throw new OrderMappingError(entryPath, 'must be an object { key, account }');
			const key = entry.key ?? entry.type ?? entry.pattern;
			if (typeof key !== 'string') throw new OrderMappingError(at(entryPath, 'key'), 'must be text such as "Order/ItemPrice/Principal"');
			entries.push([key, entry.account, at(entryPath, 'account')]);
		});
	} else if (isRecord(input)) {
		for (const [key, account] of Object.entries(input)) entries.push([key, account, at(path, key)]);
	} else if (input !== undefined && input !== null) {
		throw new OrderMappingError(path, 'must be an object such as { "Order/ItemPrice/Principal": "400100" } or a list of { key, account }');
	}

	const rules: AccountRule[] = [];
	const seen = new Map<string, string>();
	for (const [key, account, accountPath] of entries) {
		const parts = parsePattern(key, path);
		const normalized = parts.map((part) => part ?? '*').join('/');
		const earlier = seen.get(normalized);
		if (earlier !== undefined) throw new OrderMappingError(path, `has "${key}" and "${earlier}", which are the same key`);
		seen.set(normalized, key);
		rules.push({ pattern: key.trim(), account: readAccount(account, accountPath), parts, specificity: specificityOf(parts) });
	}
	rules.sort((a, b) => b.specificity - a.specificity);

	const cache = new Map<string, AccountRule | null>();
	return {
		rules,
		resolve(transactionType, amountType, amountDescription) {
			const cacheKey = `${transactionType}\u0001${amountType}\u0001${amountDescription}`;
			let rule = cache.get(cacheKey);
			if (rule === undefined) {
				const values = [transactionType.trim().toLowerCase(), amountType.trim().toLowerCase(), amountDescription.trim().toLowerCase()];
				rule = rules.find((candidate) => candidate.parts.every((part, index) => part === null || part === values[index])) ?? null;
				cache.set(cacheKey, rule);
			}
			return rule ?? undefined;
		},
	};
}

function parsePattern(key: string, path: string): [string | null, string | null, string | null] {
	const text = key.trim();
	if (!text) throw new OrderMappingError(path, 'has an empty key; write e.g. "Order/ItemPrice/Principal", "Order/ItemPrice/*" or "*"');
	const pieces = text.split('/');
	const parts = [pieces[0], pieces[1], pieces.length > 2 ? pieces.slice(2).join('/') : undefined].map((piece) => {
		if (piece === undefined) return null;
		const part = piece.trim().toLowerCase();
		return part === '*' ? null : part;
	});
	return parts as [string | null, string | null, string | null];
}

/** More named parts first; then amount type (4) over description (2) over transaction type (1). */
function specificityOf(parts: Array<string | null>): number {
	const named = parts.filter((part) => part !== null).length;
	return named * 8 + (parts[1] !== null ? 4 : 0) + (parts[2] !== null ? 2 : 0) + (parts[0] !== null ? 1 : 0);
}

function readAccount(value: unknown, path: string): ErpAccountRef {
	if (typeof value === 'number' && Number.isFinite(value)) return value;
	if (typeof value === 'string' && value.trim() !== '') return value.trim();
	throw new OrderMappingError(path, `must be an account (a code or an ERP id), got ${JSON.stringify(value) ?? 'nothing'}`);
}

/** An account option (deposit, suspense): absent or blank is null. */
export function optionalAccount(value: unknown, path: string): ErpAccountRef | null {
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return null;
	return readAccount(value, path);
}
