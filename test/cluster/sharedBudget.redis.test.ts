/**
 * One Amazon budget for main and every worker: the Redis-backed budget, with a real Redis, on a
 * virtual clock. Each SharedRateBudget instance stands for one n8n process (each has its own
 * fallback buckets; only Redis is shared), as main and two workers would be.
 */
import { resetSharedRedis, setClusterLogger } from '../../nodes/AmazonSeller/cluster/redis';
import { clusterState } from '../../nodes/AmazonSeller/state';
import { SharedRateBudget } from '../../nodes/AmazonSeller/cluster/sharedBudget';
import type { BudgetKey, RateBudget } from '../../nodes/AmazonSeller/transport';
import { InProcessRateBudget, setClock, systemClock } from '../../nodes/AmazonSeller/transport';
import { VirtualClock } from '../../simulator/virtualClock';
import { startRedis, type RedisServer } from '../support/redisServer';

let redis: RedisServer;
const savedEnv = { ...process.env };
const warnings: string[] = [];

beforeAll(async () => {
	redis = await startRedis();
	Object.assign(process.env, redis.queueEnv);
	await resetSharedRedis();
	setClusterLogger({ warn: (message: string) => warnings.push(message) });
}, 120_000);

afterAll(async () => {
	await resetSharedRedis();
	await redis.stop();
	process.env = savedEnv;
	setClock(systemClock);
});

let clock: VirtualClock;
let account = 0;
beforeEach(() => {
	clock = new VirtualClock(Date.UTC(2026, 0, 5, 12));
	setClock(clock);
	warnings.length = 0;
	account++;
});

/** getOrder's published plan: 0.5 per second, burst 30. */
const getOrder = (): BudgetKey => ({ account: `acct-${account}`, operation: 'getOrder', rate: 0.5, burst: 30 });

/** Each "process" asks for `perProcess` tokens at once; returns when (virtual ms after start) each was granted. */
async function grants(processes: RateBudget[], perProcess: number): Promise<number[]> {
	const start = clock.now();
	const key = getOrder();
	const times: number[] = [];
	await Promise.all(
		processes.flatMap((budget) =>
			Array.from({ length: perProcess }, async () => {
				await budget.acquire(key, Infinity);
				times.push(clock.now() - start);
			}),
		),
	);
	return times.sort((a, b) => a - b);
}

/** The most grants in any span starting at 0 beyond what Amazon's bucket allows (burst + rate × time). */
function overAmazon(times: number[]): number {
	return Math.max(0, ...times.map((t, i) => i + 1 - (30 + Math.floor((t / 1000) * 0.5))));
}

describe('one Amazon budget across processes (queue mode, Redis)', () => {
	it('three processes asking at once get what one account may spend: the burst, then the rate', async () => {
		const times = await grants([new SharedRateBudget(), new SharedRateBudget(), new SharedRateBudget()], 30);
		expect(times).toHaveLength(90);
		expect(overAmazon(times)).toBe(0);
		expect(times.filter((t) => t === 0)).toHaveLength(30);
		// The floor: 60 tokens beyond the burst at 0.5 per second is 120 s; the last comes within 10 % of it.
		expect(times[89]).toBeGreaterThanOrEqual(118_000);
		expect(times[89]).toBeLessThanOrEqual(132_000);
		expect(warnings).toEqual([]);
	});

	it('per-process buckets (what queue mode had before) would let three processes spend three bursts', async () => {
		const times = await grants([new InProcessRateBudget(), new InProcessRateBudget(), new InProcessRateBudget()], 30);
		expect(times.filter((t) => t === 0)).toHaveLength(90);
		expect(overAmazon(times)).toBe(60);
	});

	it('a process sees what the others spent, and a 429 one of them met empties the bucket for all', async () => {
		const [main, worker] = [new SharedRateBudget(), new SharedRateBudget()];
		const key = getOrder();
		for (let i = 0; i < 10; i++) await worker.acquire(key, 0);
		expect(await main.available(key)).toBe(20);
		await worker.drain(key, 0.25);
		expect(await main.available(key)).toBe(0);
		// Amazon's rate (0.25/s from its header) is adopted by everyone: the next token in 4 s.
		expect(await main.waitMs(key)).toBe(4_000);
		await expect(main.acquire(key, 1_000)).rejects.toThrow(/rate budget for getOrder is used up/);
	});

	it('when Redis does not answer, each process paces itself at the published rate without burst, says so once, and shares again when Redis is back', async () => {
		const budget = new SharedRateBudget();
		await redis.stop();
		const down = await grants([budget], 3);
		expect(down).toEqual([0, 2_100, 4_100]); // due times + PACING_SLACK_MS
		expect(warnings).toHaveLength(1);
		expect(warnings[0]).toMatch(/Redis of n8n's queue mode did not answer .*Amazon's rate budget falls back to this process only/);
		await redis.restart();
		await resetSharedRedis();
		setClusterLogger({ warn: (message: string) => warnings.push(message) });
		clock.advance(120_000);
		const back = await grants([budget, new SharedRateBudget()], 20);
		expect(back.filter((t) => t === 0)).toHaveLength(30);
		expect(clusterState.client?.status).toBe('ready');
	}, 60_000);
});
