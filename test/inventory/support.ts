import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { AmazonSeller } from '../../nodes/AmazonSeller/AmazonSeller.node';
import type { Simulator } from '../../simulator';
import { runNode } from '../support/executeContext';
import { simulatorCredentials } from '../support/simulatorCredentials';

export { useSimulator } from '../support/useSimulator';

export const US = 'ATVPDKIKX0DER';
export const CA = 'A2EUQ1WTGCTBG2';

/** Runs the Amazon Seller node's inventory operation against the simulator's NA account. */
export async function runInventory(
	sim: Simulator,
	operation: 'updateFbmQuantity' | 'getFbaInventory',
	items: IDataObject[],
	parameters: Record<string, unknown> = {},
	options: { continueOnFail?: boolean; sellerId?: string } = {},
): Promise<INodeExecutionData[]> {
	const defaults =
		operation === 'updateFbmQuantity'
			? { marketplaceId: (i: number) => (items[i]?.marketplaceId as string | undefined) ?? US, sku: (i: number) => items[i]?.sku, quantity: (i: number) => items[i]?.quantity }
			: { marketplaceId: US, scope: 'all', returnAll: true };
	const [output] = await runNode(new AmazonSeller(), {
		parameters: { resource: 'inventory', operation, options: {}, ...defaults, ...parameters },
		items: items.map((json) => ({ json })),
		credentials: simulatorCredentials(sim, 'na', options.sellerId === undefined ? {} : { sellerId: options.sellerId }),
		continueOnFail: options.continueOnFail,
	});
	return output;
}

/** Calls Amazon saw, by operation (LWA token calls and document transfers excluded unless asked). */
export function callsOf(sim: Simulator, operation: string): number {
	return sim.calls.filter((c) => c.operation === operation).length;
}

export function spApiCalls(sim: Simulator): string[] {
	return sim.calls.filter((c) => !['lwaToken', 'upload', 'download'].includes(c.operation)).map((c) => c.operation);
}
