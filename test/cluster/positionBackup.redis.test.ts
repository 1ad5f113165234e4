/**
 * The static-data hazard of queue mode (docs/scale-out.md): a worker that runs a node writing
 * workflow static data saves the whole static data from its snapshot, erasing the trigger's
 * position; after a main restart the trigger would start over from activation and lose every change
 * since its last saved position. In queue mode the trigger keeps a copy of its position in Redis
 * and goes on from it.
 */
import { resetSharedRedis, setClusterLogger } from '../../nodes/AmazonSeller/cluster/redis';
import { PollHarness } from '../support/pollHarness';
import { startRedis, type RedisServer } from '../support/redisServer';
import { simulatorCredentials } from '../support/simulatorCredentials';
import { MINUTE, simulatorOnVirtualClock, type SimSetup } from '../trigger/support';

let redis: RedisServer;
let setup: SimSetup;
const savedEnv = { ...process.env };

beforeAll(async () => {
	redis = await startRedis();
	setup = await simulatorOnVirtualClock(81);
}, 120_000);

afterAll(async () => {
	await resetSharedRedis();
	await redis.stop();
	process.env = savedEnv;
	await setup.close();
});

async function run(queueMode: boolean, workflowId: string) {
	const { sim, clock } = setup;
	if (queueMode) Object.assign(process.env, redis.queueEnv);
	else delete process.env.EXECUTIONS_MODE;
	await resetSharedRedis();
	const warnings: string[] = [];
	setClusterLogger({ warn: (message) => warnings.push(message) });
	const trigger = new PollHarness({ credentials: simulatorCredentials(sim, 'na'), parameters: { events: ['newOrder'] }, workflowId });
	await trigger.activate();
	const before = sim.orders.lifecycle({ count: 30, over: 30 * MINUTE, account: 'na', cancelRate: 0 });
	for (let i = 0; i < 45; i++) {
		await clock.sleep(MINUTE);
		await trigger.poll();
	}
	const announced = trigger.items.length;
	// A worker's execution saves the workflow's static data from its snapshot: the position is gone.
	trigger.stored.staticData = {};
	// Orders keep coming while main runs on from memory; then main restarts.
	const during = sim.orders.lifecycle({ count: 10, over: 5 * MINUTE, account: 'na', cancelRate: 0 });
	await clock.sleep(2 * MINUTE);
	trigger.rebuild();
	for (let i = 0; i < 30; i++) {
		await clock.sleep(MINUTE);
		await trigger.poll();
	}
	// The orders that are ready now (merchant-fulfilled and paid, or shipped) must each have had New Order.
	const ready = [...before.orderIds, ...during.orderIds].filter((id) => {
		const order = sim.orders.record(id)!;
		return order.status === 'SHIPPED' || (order.fulfilledBy === 'MERCHANT' && ['UNSHIPPED', 'PARTIALLY_SHIPPED'].includes(order.status));
	});
	const emitted = new Set(trigger.items.map((i) => i.json.eventId as string));
	return {
		announced,
		ready: ready.length,
		lost: ready.map((id) => `${id}:newOrder`).filter((id) => !emitted.has(id)),
		doubled: trigger.items.length - emitted.size,
		logs: trigger.logs.filter((l) => l.level === 'warn').map((l) => l.message),
		warnings,
	};
}

describe("queue mode: the trigger's position survives a worker's static-data write", () => {
	it('without queue mode (no copy) the erased position loses the changes made meanwhile', async () => {
		const result = await run(false, 'wf-no-copy');
		expect(result.announced).toBeGreaterThan(0);
		expect(result.lost.length).toBeGreaterThan(0);
	});

	it('in queue mode the trigger goes on from its copy in Redis: nothing lost, nothing twice, and it says so', async () => {
		const result = await run(true, 'wf-copy');
		expect(result.ready).toBeGreaterThan(20);
		expect(result.lost).toEqual([]);
		expect(result.doubled).toBe(0);
		expect(result.logs.some((m) => /static data holds no position for this trigger, but Redis has its copy/.test(m))).toBe(true);
		expect(result.warnings).toEqual([]);
	});
});
