/**
 * Confirm Shipment for many orders in one execution, on the simulator's virtual clock: the real
 * node (AmazonSeller, order → confirmShipment) with one input item per order, set against the
 * least time Amazon's published usage plans allow.
 *
 * - Default (as an ERP delivery gives it: items and marketplace known, "Verify Order First" off):
 *   only confirmShipment calls (2/s, burst 10) → bound (n − 10) / 2 s.
 * - `verifyOrder: true`: each order is read first (getOrder 0.5/s, burst 30); all reads come before
 *   the first confirmation (nothing is sent until every item checked out), so the node's own floor
 *   is reads + confirmations; `boundSeconds` stays Amazon's floor, the larger of the two.
 *
 * Run: npx ts-node --transpile-only bench/confirmShipment.ts [orders] [--verify]
 */
import type { INodeExecutionData } from 'n8n-workflow';

import { getClock, setClock } from '../nodes/AmazonSeller/transport/clock';
import { VirtualClock } from '../simulator/virtualClock';
import { OPERATIONS } from '../nodes/AmazonSeller/transport/operations';
import { resetPacing } from '../nodes/AmazonSeller/transport/pacing';
import { startSimulator } from '../simulator';
import { runNode } from '../test/support/executeContext';

// By its file name: a plain '…/AmazonSeller.node' makes Node's resolver (ts-node) pick the
// AmazonSeller.node.json codex file beside it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { AmazonSeller } = require('../nodes/AmazonSeller/AmazonSeller.node.ts') as typeof import('../nodes/AmazonSeller/AmazonSeller.node');

export interface ConfirmShipmentBenchResult {
	orders: number;
	/** confirmShipment calls that reached the simulator. */
	calls: number;
	/** Virtual time from the node's start to its last answer. */
	simulatedSeconds: number;
	/** Least time Amazon's usage plans allow for the calls this mode needs. */
	boundSeconds: number;
	/** 429 answers, all operations. */
	throttled: number;
	/** getOrder calls (0 unless verifyOrder). */
	reads: number;
	/** Orders the simulator has as SHIPPED afterwards. */
	shipped: number;
}

/** Least seconds for `calls` requests from a full bucket: the burst at once, then one per 1/rate s. */
export function floorSeconds(calls: number, plan: { rate: number; burst: number }): number {
	return Math.max(0, calls - plan.burst) / plan.rate;
}

export async function benchConfirmShipment(n = 500, options: { verifyOrder?: boolean } = {}): Promise<ConfirmShipmentBenchResult> {
	const previousClock = getClock();
	const clock = new VirtualClock(Date.UTC(2026, 0, 5, 12));
	setClock(clock);
	resetPacing();
	const sim = await startSimulator({ clock, seed: 500, seedOrders: 0 });
	try {
		const account = sim.accounts.na;
		const orders = Array.from({ length: n }, (_, index) =>
			sim.orders.create({
				account: 'na',
				marketplaceId: 'ATVPDKIKX0DER',
				fulfilledBy: 'MERCHANT',
				status: 'UNSHIPPED',
				createdAt: clock.now() - 3_600_000,
				items: Array.from({ length: 1 + (index % 3) }, () => ({ quantity: 1 + (index % 2) })),
			}),
		);
		const verifyOrder = options.verifyOrder === true;
		const started = clock.now();
		const [output] = await runNode(new AmazonSeller(), {
			parameters: {
				resource: 'order',
				operation: 'confirmShipment',
				orderId: (i: number) => orders[i].orderId,
				marketplaceId: 'ATVPDKIKX0DER',
				carrierCode: 'UPS',
				trackingNumber: (i: number) => `1ZBENCH${String(i).padStart(8, '0')}`,
				packageReferenceId: '1',
				itemsToShip: verifyOrder ? 'allUnshipped' : 'json',
				itemsJson: (i: number) => orders[i].items.map((item) => ({ orderItemId: item.orderItemId, quantity: item.quantity })),
				options: { verifyOrder },
			},
			items: orders.map((): INodeExecutionData => ({ json: {} })),
			credentials: {
				region: 'na',
				environment: 'custom',
				customEndpoint: sim.url,
				clientId: account.clientId,
				clientSecret: account.clientSecret,
				refreshToken: account.refreshToken,
				sellerId: account.sellerId,
			},
		});
		const simulatedSeconds = (clock.now() - started) / 1000;
		const confirmFloor = floorSeconds(n, OPERATIONS.confirmShipment);
		const readFloor = verifyOrder ? floorSeconds(n, OPERATIONS.getOrder) : 0;
		const failed = output.filter((item) => item.json.status !== 'confirmed');
		if (failed.length) throw new Error(`${failed.length} of ${n} shipments were not confirmed: ${JSON.stringify(failed[0].json)}`);
		return {
			orders: n,
			calls: sim.calls.filter((call) => call.operation === 'confirmShipment').length,
			simulatedSeconds,
			boundSeconds: Math.max(confirmFloor, readFloor),
			throttled: sim.calls.filter((call) => call.status === 429).length,
			reads: sim.calls.filter((call) => call.operation === 'getOrder').length,
			shipped: orders.filter((order) => sim.orders.record(order.orderId)?.status === 'SHIPPED').length,
		};
	} finally {
		await sim.close();
		setClock(previousClock);
	}
}

if (require.main === module) {
	const n = Number(process.argv.find((arg) => /^\d+$/.test(arg)) ?? 500);
	const verifyOrder = process.argv.includes('--verify');
	const realStart = Date.now();
	benchConfirmShipment(n, { verifyOrder })
		.then((result) => {
			console.log(JSON.stringify({ ...result, mode: verifyOrder ? 'verifyOrder' : 'itemsGiven', realSeconds: (Date.now() - realStart) / 1000 }, null, 2));
			// Idle keep-alive sockets would hold the process open for a while; the run is over.
			process.exit(0);
		})
		.catch((error) => {
			console.error(error);
			process.exitCode = 1;
		});
}
