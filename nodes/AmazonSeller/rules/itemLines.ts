import { InputError } from './inputError';

/** One order item line as the user gives it (fixed collection row or JSON object). */
export interface ItemLine {
	orderItemId: string;
	quantity?: number;
	transparencyCodes?: string[];
	cancelReason?: string;
}

/**
 * Reads a list of order item lines from a fixed collection's rows or from JSON (an array, or a
 * string holding one). Checks the shape only; whether the items exist is the order's business.
 */
export function readItemLines(value: unknown, field: string, options: { quantity: boolean }): ItemLine[] {
	const list = typeof value === 'string' ? parseJson(value) : value;
	if (list === NOT_JSON) {
		throw new InputError(field, `${field} is not valid JSON; expected a list like [{"orderItemId": "12345678901234", "quantity": 1}]`);
	}
	const lines = list && typeof list === 'object' && !Array.isArray(list) ? [list] : list;
	if (!Array.isArray(lines) || lines.length === 0) {
		throw new InputError(field, `${field} lists no items; give at least one order item`);
	}
	const seen = new Set<string>();
	return lines.map((entry: unknown, position: number) => {
		const where = `${field}, line ${position + 1}`;
		if (!entry || typeof entry !== 'object') throw new InputError(field, `${where} is not an object with an orderItemId`);
		const row = entry as Record<string, unknown>;
		const orderItemId = String(row.orderItemId ?? row.OrderItemId ?? '').trim();
		if (!orderItemId) throw new InputError(field, `${where} has no Order Item ID`);
		if (seen.has(orderItemId)) throw new InputError(field, `${where}: order item ${orderItemId} is listed twice`);
		seen.add(orderItemId);
		const line: ItemLine = { orderItemId };
		if (options.quantity) {
			line.quantity = readQuantity(row.quantity, where, orderItemId);
			const codes = readCodes(row.transparencyCodes);
			if (codes.length) {
				if (codes.length !== line.quantity) {
					throw new InputError(field, `${where}: ${codes.length} transparency code(s) for quantity ${line.quantity} of order item ${orderItemId}; Amazon expects one code per unit`);
				}
				line.transparencyCodes = codes;
			}
		}
		if (row.cancelReason !== undefined && row.cancelReason !== '') line.cancelReason = String(row.cancelReason);
		return line;
	});
}

const NOT_JSON = Symbol('not JSON');

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return NOT_JSON;
	}
}

function readQuantity(value: unknown, where: string, orderItemId: string): number {
	const quantity = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 1) {
		throw new InputError('Quantity', `${where}: quantity "${String(value ?? '')}" of order item ${orderItemId} is not a whole number of at least 1`);
	}
	return quantity;
}

/** Transparency codes as a list, or comma/space/newline-separated text. */
function readCodes(value: unknown): string[] {
	if (value === undefined || value === null || value === '') return [];
	const parts = Array.isArray(value) ? value.map((code) => String(code)) : String(value).split(/[\s,;]+/);
	return parts.map((code) => code.trim()).filter(Boolean);
}
