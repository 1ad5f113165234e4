/**
 * Update FBM Quantity for many SKUs in one marketplace, on the simulator's virtual clock: the real
 * node (AmazonSeller, inventory → updateFbmQuantity), one input item per SKU, run twice on fresh
 * simulators — once forced onto patches (Feed Threshold = SKUs), once with the default threshold,
 * which sends one JSON_LISTINGS_FEED.
 *
 * How calls are counted (from the simulator's call log):
 * - `calls`: the write path only, as the benchmark table counts it — every SP-API request and
 *   document transfer that carries the quantities: patchListingsItem calls; or createFeedDocument,
 *   the upload, createFeed, each getFeed poll, getFeedDocument and the report download.
 * - `lookupCalls`: the product-type / FBA-guard lookups both paths make first (searchListingsItems,
 *   20 SKUs a call; getListingsItem only for SKUs with a comma). They are the same for both paths
 *   and are not in `calls`; `totalCalls` adds them up. Login-with-Amazon token calls are apart.
 * - `simulatedSeconds`: the whole node run, lookups included; `lookupSeconds` is their share.
 *
 * Run: npx ts-node --transpile-only bench/fbmQuantity.ts [skus]
 */
import type { INodeExecutionData } from 'n8n-workflow';

import { getClock, setClock } from '../nodes/AmazonSeller/transport/clock';
import { VirtualClock } from '../simulator/virtualClock';
import { resetPacing } from '../nodes/AmazonSeller/transport/pacing';
import { startSimulator, type Simulator } from '../simulator';
import { runNode } from '../test/support/executeContext';
import { simulatorCredentials } from '../test/support/simulatorCredentials';

// By its file name: a plain '…/AmazonSeller.node' makes Node's resolver (ts-node) pick the
// AmazonSeller.node.json codex file beside it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { AmazonSeller } = require('../nodes/AmazonSeller/AmazonSeller.node.ts') as typeof import('../nodes/AmazonSeller/AmazonSeller.node');

const MARKETPLACE = 'ATVPDKIKX0DER';
const LOOKUPS = ['searchListingsItems', 'getListingsItem'];
const WRITES = {
	patch: ['patchListingsItem'],
	feed: ['createFeedDocument', 'upload', 'createFeed', 'getFeed', 'getFeedDocument', 'download'],
};

export interface FbmPathResult {
	/** Write-path calls (see the header). */
	calls: number;
	/** Virtual seconds for the whole node run. */
	simulatedSeconds: number;
	lookupCalls: number;
	lookupSeconds: number;
	totalCalls: number;
	tokenCalls: number;
	/** 429 answers, all operations. */
	throttled: number;
	/** Write-path calls by operation. */
	byOperation: Record<string, number>;
}

export interface FbmQuantityBenchResult {
	skus: number;
	patch: FbmPathResult;
	feed: FbmPathResult;
}

export async function benchFbmQuantity(skus = 10_000): Promise<FbmQuantityBenchResult> {
	return { skus, patch: await runPath('patch', skus), feed: await runPath('feed', skus) };
}

async function runPath(path: 'patch' | 'feed', skus: number): Promise<FbmPathResult> {
	const previousClock = getClock();
	const clock = new VirtualClock(Date.UTC(2026, 0, 5, 12));
	setClock(clock);
	resetPacing();
	const sim = await startSimulator({ clock, seed: 10_000, seedOrders: 0 });
	try {
		const listings = sim.listings.generate({ account: 'na', marketplaceId: MARKETPLACE, count: skus, prefix: 'BENCH' });
		const items = listings.map((listing, i) => ({ json: { sku: listing.sku, quantity: (i * 7) % 500 } }));
		sim.resetCalls();
		const started = clock.now();
		const [output] = await runNode(new AmazonSeller(), {
			parameters: {
				resource: 'inventory',
				operation: 'updateFbmQuantity',
				marketplaceId: MARKETPLACE,
				sku: (i: number) => items[i].json.sku,
				quantity: (i: number) => items[i].json.quantity,
				// Patches: never switch to a feed. Feed: the node's default threshold.
				options: path === 'patch' ? { feedThreshold: skus } : {},
			},
			items,
			credentials: simulatorCredentials(sim, 'na'),
			continueOnFail: true,
		});
		const simulatedSeconds = (clock.now() - started) / 1000;
		assertAllUpdated(sim, output, items.length, path);
		return count(sim, path, started, simulatedSeconds);
	} finally {
		await sim.close();
		setClock(previousClock);
	}
}

/** A benchmark of a run that failed would measure nothing: every SKU must have been updated. */
function assertAllUpdated(sim: Simulator, output: INodeExecutionData[], expected: number, path: 'patch' | 'feed'): void {
	const updated = output.filter((o) => o.json.status === 'updated' && o.json.via === path).length;
	const applied = sim.state.quantityUpdates.length;
	if (updated !== expected || applied !== expected) {
		const firstError = output.find((o) => o.json.error)?.json.error;
		throw new Error(`${path}: ${updated} of ${expected} items updated, ${applied} quantities applied${firstError ? `; first error: ${String(firstError)}` : ''}`);
	}
}

function count(sim: Simulator, path: 'patch' | 'feed', started: number, simulatedSeconds: number): FbmPathResult {
	const byOperation: Record<string, number> = {};
	let lookupCalls = 0;
	let tokenCalls = 0;
	let firstWrite: number | undefined;
	for (const call of sim.calls) {
		if (call.operation === 'lwaToken') tokenCalls++;
		else if (LOOKUPS.includes(call.operation)) lookupCalls++;
		else if (WRITES[path].includes(call.operation)) {
			byOperation[call.operation] = (byOperation[call.operation] ?? 0) + 1;
			firstWrite ??= call.at;
		}
	}
	const calls = Object.values(byOperation).reduce((a, b) => a + b, 0);
	return {
		calls,
		simulatedSeconds,
		lookupCalls,
		lookupSeconds: ((firstWrite ?? started) - started) / 1000,
		totalCalls: sim.calls.filter((c) => c.operation !== 'lwaToken').length,
		tokenCalls,
		throttled: sim.calls.filter((c) => c.status === 429).length,
		byOperation,
	};
}

if (require.main === module) {
	const skus = Number(process.argv[2] ?? 10_000);
	benchFbmQuantity(skus)
		.then((result) => process.stdout.write(JSON.stringify(result, null, 2) + '\n'))
		.catch((error) => {
			process.stderr.write(`${error?.stack ?? error}\n`);
			process.exit(1);
		});
}
