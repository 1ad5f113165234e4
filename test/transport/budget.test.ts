import type { BudgetKey } from '../../nodes/AmazonSeller/transport/budget';
import { getRateBudget, InProcessRateBudget, inProcessBudget, setRateBudget } from '../../nodes/AmazonSeller/transport/budget';
import { setClock, systemClock } from '../../nodes/AmazonSeller/transport/clock';
import { VirtualClock } from '../../simulator/virtualClock';
import { RateBudgetError } from '../../nodes/AmazonSeller/transport/errors';

const key = (operation: BudgetKey['operation'], rate: number, burst: number, account = 'acct'): BudgetKey => ({ account, operation, rate, burst });

describe('the in-process RateBudget', () => {
	let clock: VirtualClock;
	let budget: InProcessRateBudget;
	beforeEach(() => {
		clock = new VirtualClock(0);
		setClock(clock);
		budget = new InProcessRateBudget();
	});
	afterAll(() => setClock(systemClock));

	it('spends the burst, then queues concurrent callers at the published rate', async () => {
		const getOrder = key('getOrder', 0.5, 2);
		const started: number[] = [];
		await Promise.all(
			Array.from({ length: 4 }, async () => {
				await budget.acquire(getOrder, Infinity);
				started.push(clock.now());
			}),
		);
		expect(started.sort((a, b) => a - b)).toEqual([0, 0, 2100, 4100]); // + PACING_SLACK_MS
	});

	it('refuses, without reserving, a wait longer than allowed', async () => {
		const searchOrders = key('searchOrders', 0.0056, 1);
		await budget.acquire(searchOrders, 0);
		const error = await budget.acquire(searchOrders, 1000).catch((e) => e);
		expect(error).toBeInstanceOf(RateBudgetError);
		expect(error.waitMs).toBeGreaterThan(170_000);
		clock.advance(179_000);
		expect(await budget.available(searchOrders)).toBe(1);
	});

	it("empties the bucket on Amazon's 429 and adopts the rate Amazon sent", async () => {
		const confirmShipment = key('confirmShipment', 2, 10);
		expect(await budget.available(confirmShipment)).toBe(10);
		await budget.drain(confirmShipment, 0.5);
		expect(await budget.available(confirmShipment)).toBe(0);
		expect(await budget.waitMs(confirmShipment)).toBe(2000);
		expect(budget.availableNow(confirmShipment)).toBe(0);
	});

	it('keeps one budget per account and operation', async () => {
		await budget.acquire(key('getOrder', 0.5, 1, 'a'), Infinity);
		expect(await budget.available(key('getOrder', 0.5, 1, 'a'))).toBe(0);
		expect(await budget.available(key('getOrder', 0.5, 1, 'b'))).toBe(1);
		expect(await budget.available(key('getFeed', 2, 1, 'a'))).toBe(1);
	});

	it('starts afresh when the clock changes (a different time base)', async () => {
		await budget.acquire(key('getOrder', 0.5, 1), Infinity);
		expect(budget.availableNow(key('getOrder', 0.5, 1))).toBe(0);
		setClock(new VirtualClock(Date.UTC(2030, 0, 1)));
		expect(budget.availableNow(key('getOrder', 0.5, 1))).toBe(1);
	});
});

describe('setRateBudget', () => {
	afterEach(() => setRateBudget(undefined));

	it('selects the budget for the whole process; undefined restores the in-process one', () => {
		const shared = new InProcessRateBudget();
		setRateBudget(shared);
		expect(getRateBudget()).toBe(shared);
		setRateBudget(undefined);
		expect(getRateBudget()).toBe(inProcessBudget());
	});
});
