import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Money } from '../../nodes/AmazonSeller/amazon/money';

/** Test helpers for the money side: fixtures (small, in the repo) and amounts read without the code under test. */
export const FINANCE_FIXTURES = join(__dirname, '..', 'fixtures', 'finance');

export function financeFixture(name: string): string {
	return readFileSync(join(FINANCE_FIXTURES, name), 'utf8');
}

/** Minor units of a formatted amount ("-12.30" → -1230, "5980" → 5980), read independently of money.ts. */
export function minor(money: Money): number {
	return Number(money.amount.replace('.', ''));
}

/** The tab-separated cells of a fixture, rows as arrays (header first), for independent sums. */
export function cells(text: string): string[][] {
	return text
		.split('\n')
		.filter((line) => line.trim() !== '')
		.map((line) => line.split('\t'));
}

/** Amazon's amount text in minor units, read by hand: "-12,34" / "-12.34" → -1234; `decimals` as the currency has. */
export function amountText(text: string, decimals: number): number {
	const [whole, fraction = ''] = text.replace(',', '.').split('.');
	const negative = whole.startsWith('-');
	const digits = Number(whole.replace('-', '')) * 10 ** decimals + Number(fraction.padEnd(decimals, '0') || 0);
	return negative && digits !== 0 ? -digits : digits;
}
