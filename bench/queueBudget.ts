/**
 * One process vs n8n's queue mode (main + 2 workers) on the same action load: 90 getOrder calls of
 * one seller account (Order → Get on 90 items, split over the processes as n8n's queue would), on
 * the simulator's virtual clock, which answers 429 when Amazon would. Each budget instance stands
 * for one process:
 *
 * - one process: one in-process budget (the package's single-process behaviour);
 * - main + 2 workers, per-process budgets: what queue mode did before the shared budget;
 * - main + 2 workers, shared budget: the Redis-backed budget every process draws from.
 *
 * Calls go straight to the simulator after the budget grants them, so what is measured is the
 * budget alone: calls, 429s, and the time to the last answer against the published-rate floor.
 *
 * Run: npx ts-node --transpile-only bench/queueBudget.ts
 */
import { resetSharedRedis } from '../nodes/AmazonSeller/cluster/redis';
import { SharedRateBudget } from '../nodes/AmazonSeller/cluster/sharedBudget';
import type { RateBudget } from '../nodes/AmazonSeller/transport';
import { getClock, InProcessRateBudget, OPERATIONS, setClock } from '../nodes/AmazonSeller/transport';
import { startSimulator, type Simulator } from '../simulator';
import { VirtualClock } from '../simulator/virtualClock';
import { startRedis } from '../test/support/redisServer';
import { getToken, rawRequest } from '../test/simulator.helpers';

export interface QueueBudgetRun {
	setup: string;
	processes: number;
	calls: number;
	throttled: number;
	seconds: number;
	floorSeconds: number;
}

const CALLS = 90;

async function runLoad(sim: Simulator, clock: VirtualClock, budgets: RateBudget[], account: string): Promise<Omit<QueueBudgetRun, 'setup'>> {
	const token = await getToken(sim, 'na');
	const orders = sim.orders.generate({ count: CALLS, account: 'na' }).map((o) => o.orderId);
	const plan = OPERATIONS.getOrder;
	const key = { account, operation: 'getOrder' as const, rate: plan.rate, burst: plan.burst };
	sim.resetCalls();
	const start = clock.now();
	let last = start;
	// n8n's queue hands each process its share of the executions; each runs its items one by one.
	const share = Math.ceil(CALLS / budgets.length);
	await Promise.all(
		budgets.map(async (budget, p) => {
			for (const orderId of orders.slice(p * share, (p + 1) * share)) {
				await budget.acquire(key, Infinity);
				await clock.track!(rawRequest(sim, { host: 'sellingpartnerapi-na.amazon.com', path: `/orders/2026-01-01/orders/${orderId}`, headers: { 'x-amz-access-token': token } }));
				last = Math.max(last, clock.now());
			}
		}),
	);
	const calls = sim.calls.filter((c) => c.operation === 'getOrder');
	return {
		processes: budgets.length,
		calls: calls.length,
		throttled: calls.filter((c) => c.status === 429).length,
		seconds: (last - start) / 1000,
		floorSeconds: Math.max(0, CALLS - plan.burst) / plan.rate,
	};
}

export async function benchQueueBudget(): Promise<QueueBudgetRun[]> {
	const previous = getClock();
	const redis = await startRedis();
	const savedEnv = { ...process.env };
	const runs: QueueBudgetRun[] = [];
	try {
		Object.assign(process.env, redis.queueEnv);
		await resetSharedRedis();
		const setups: Array<[string, () => RateBudget[]]> = [
			['one process', () => [new InProcessRateBudget()]],
			['main + 2 workers, per-process budgets (before)', () => [new InProcessRateBudget(), new InProcessRateBudget(), new InProcessRateBudget()]],
			['main + 2 workers, shared budget (Redis)', () => [new SharedRateBudget(), new SharedRateBudget(), new SharedRateBudget()]],
		];
		for (const [index, [setup, budgets]] of setups.entries()) {
			const clock = new VirtualClock(Date.UTC(2026, 0, 5, 12));
			setClock(clock);
			const sim = await startSimulator({ clock, seed: 90 + index, seedOrders: 0 });
			try {
				runs.push({ setup, ...(await runLoad(sim, clock, budgets(), `bench-${index}`)) });
			} finally {
				await sim.close();
			}
		}
	} finally {
		await resetSharedRedis();
		await redis.stop();
		process.env = savedEnv;
		setClock(previous);
	}
	return runs;
}

if (require.main === module) {
	benchQueueBudget()
		.then((runs) => {
			for (const r of runs) console.log(`${r.setup}: ${r.calls} calls, ${r.throttled} × 429, ${r.seconds.toFixed(0)} s (floor ${r.floorSeconds} s)`);
		})
		.catch((error) => {
			console.error(error);
			process.exit(1);
		});
}
