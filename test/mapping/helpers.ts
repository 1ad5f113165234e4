import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Money } from '../../nodes/AmazonSeller/mapping/salesOrder';

/** Test helpers for the sales-order mapping: fixtures and an independent reading of amounts. */
export const FIXTURES_DIR = join(__dirname, '..', 'fixtures', 'orders');

export function fixtureNames(): string[] {
	return readdirSync(FIXTURES_DIR).filter((name) => name.endsWith('.json'));
}

// Fixtures are plain order JSON; tests read into them freely.
export function fixture(name: string): any {
	return JSON.parse(readFileSync(join(FIXTURES_DIR, name), 'utf8'));
}

/** Minor units of a formatted amount, read without the code under test ("12.30" → 1230). */
export function minor(money: Money): number {
	return Number(money.amount.replace('.', ''));
}

/** Amazon's own order total as the fixture states it (v0 OrderTotal, 2026 proceeds.grandTotal). */
export function amazonTotal(order: any): string | undefined {
	const v0 = order.OrderTotal ?? order.order?.payload?.OrderTotal ?? order.order?.OrderTotal;
	return v0?.Amount ?? order.proceeds?.grandTotal?.amount;
}

/** The error of the given class that `run` throws (sync or async); fails when it throws none. */
export async function caught<E extends Error>(run: () => unknown, type: abstract new (...args: never[]) => E): Promise<E> {
	try {
		await run();
	} catch (error) {
		if (error instanceof type) return error;
		throw error;
	}
	throw new Error(`expected a ${type.name}, but nothing was thrown`);
}
