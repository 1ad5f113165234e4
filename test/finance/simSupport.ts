import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { AmazonSeller } from '../../nodes/AmazonSeller/AmazonSeller.node';
import type { VirtualClock } from '../../simulator/virtualClock';
import type { AccountKey, Simulator } from '../../simulator';
import { runNode } from '../support/executeContext';
import { simulatorCredentials } from '../support/simulatorCredentials';
import { useSimulator } from '../support/useSimulator';

export const DAY = 86_400_000;
export const US = 'ATVPDKIKX0DER';

/**
 * The simulator 20 days after start-up, so that every account and currency has closed settlement
 * periods (a period closes 14 days after it opened).
 */
export function useFinanceSimulator(seed: number): { sim: Simulator; clock: VirtualClock } {
	return useSimulator(seed, { startMs: Date.UTC(2026, 2, 2, 12), warmUpMs: 20 * DAY });
}

export interface RunOptions {
	account?: AccountKey;
	items?: IDataObject[];
	continueOnFail?: boolean;
}

/** Runs an Amazon Seller operation against the simulator; returns every output. */
export async function runOperation(
	sim: Simulator,
	resource: 'finance' | 'return',
	operation: string,
	parameters: Record<string, unknown>,
	options: RunOptions = {},
): Promise<INodeExecutionData[][]> {
	return await runNode(new AmazonSeller(), {
		parameters: { resource, operation, ...parameters },
		items: (options.items ?? [{}]).map((json) => ({ json })),
		credentials: simulatorCredentials(sim, options.account ?? 'na'),
		continueOnFail: options.continueOnFail,
	});
}

/** SP-API operations and document transfers the simulator saw (LWA token calls left out). */
export function callsSeen(sim: Simulator): string[] {
	return sim.calls.filter((call) => call.operation !== 'lwaToken').map((call) => call.operation);
}

export function count(calls: string[]): Record<string, number> {
	const out: Record<string, number> = {};
	for (const call of calls) out[call] = (out[call] ?? 0) + 1;
	return out;
}

/** The simulator keeps every amount in hundredths, JPY too; the package in the currency's minor units. */
export function simMinor(amount: number, currency: string): number {
	return currency === 'JPY' ? amount / 100 : amount;
}

/** Minor units of a decimal string ("-12.30" → -1230, "5980" → 5980), read without the package's money code. */
export function minorOf(text: string): number {
	return Number(text.replace('.', ''));
}
