import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { AmazonSeller } from '../../nodes/AmazonSeller/AmazonSeller.node';
import { setClock, systemClock } from '../../nodes/AmazonSeller/transport/clock';
import { VirtualClock } from '../../simulator/virtualClock';
import type { AmazonSellerCredentials } from '../../nodes/AmazonSeller/transport/credentials';
import { resetPacing } from '../../nodes/AmazonSeller/transport/pacing';
import type { AccountKey, Simulator, SimOrder } from '../../simulator';
import { startSimulator } from '../../simulator';
import { runNode } from '../support/executeContext';
import { simulatorCredentials } from '../support/simulatorCredentials';

/**
 * The simulator on a virtual clock shared with the transport, for order action tests. Between
 * tests an hour passes, so Amazon's buckets (the simulator's and ours) are full again.
 */
export function useOrderSimulator(seed: number): { sim: () => Simulator; clock: () => VirtualClock } {
	let sim: Simulator;
	let clock: VirtualClock;
	beforeAll(async () => {
		clock = new VirtualClock(Date.UTC(2026, 0, 5, 12));
		setClock(clock);
		sim = await startSimulator({ clock, seed, seedOrders: 0 });
	});
	afterAll(async () => {
		await sim.close();
		setClock(systemClock);
	});
	beforeEach(() => {
		clock.advance(3_600_000);
		resetPacing();
		sim.faults.clear();
		sim.resetCalls();
	});
	return { sim: () => sim, clock: () => clock };
}

/** The credential a user would create for the simulator's account. */
export const credentialsFor = (sim: Simulator, account: AccountKey = 'na'): AmazonSellerCredentials => simulatorCredentials(sim, account);

/** A merchant-fulfilled US order placed an hour ago, with items of these quantities. */
export function unshippedOrder(sim: Simulator, quantities: number[] = [2, 1], overrides: Partial<Parameters<Simulator['orders']['create']>[0]> = {}): SimOrder {
	return sim.orders.create({
		account: 'na',
		marketplaceId: 'ATVPDKIKX0DER',
		fulfilledBy: 'MERCHANT',
		status: 'UNSHIPPED',
		createdAt: sim.clock.now() - 3_600_000,
		items: quantities.map((quantity) => ({ quantity })),
		...overrides,
	});
}

type Parameters_ = Record<string, unknown | ((itemIndex: number) => unknown)>;

/** Runs the Amazon Seller node's order resource on the simulator; returns its only output. */
export async function runOrderNode(
	sim: Simulator,
	operation: string,
	parameters: Parameters_,
	options: { items?: INodeExecutionData[]; continueOnFail?: boolean; credentials?: AmazonSellerCredentials } = {},
): Promise<INodeExecutionData[]> {
	const [output] = await runNode(new AmazonSeller(), {
		parameters: { resource: 'order', operation, ...parameters },
		items: options.items ?? [{ json: {} }],
		credentials: options.credentials ?? credentialsFor(sim),
		continueOnFail: options.continueOnFail,
	});
	return output;
}

export const jsonOf = (output: INodeExecutionData[]): IDataObject[] => output.map((item) => item.json);

/** Calls to one SP-API operation in the simulator's log. */
export const callsTo = (sim: Simulator, operation: string) => sim.calls.filter((call) => call.operation === operation);

/** Calls that reached Amazon at all (token, reads, writes, documents). */
export const anyCalls = (sim: Simulator) => sim.calls.length;

export async function failure(run: Promise<unknown>): Promise<Error & { context?: IDataObject; description?: string }> {
	try {
		await run;
	} catch (error) {
		return error as Error & { context?: IDataObject };
	}
	throw new Error('expected the node to fail');
}
