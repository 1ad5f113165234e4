import { DeliveryLedger, MAX_ATTEMPTS, MAX_PENDING, MAX_WAIT_MS, parseEventId } from '../../nodes/AmazonSeller/trigger/delivery';

const T0 = Date.UTC(2026, 0, 5, 12);
const MIN = 60_000;

describe('the delivery ledger: events kept until the workflow confirms them', () => {
	it('an event is due for another delivery once its wait has passed, and the wait doubles with each delivery', () => {
		const ledger = new DeliveryLedger(undefined);
		ledger.add(['111-1111111-1111111:newOrder'], T0);
		expect(ledger.due(T0 + 10 * MIN - 1, 10 * MIN, 100)).toEqual([]);
		expect(ledger.due(T0 + 10 * MIN, 10 * MIN, 100)).toEqual(['111-1111111-1111111:newOrder']);
		ledger.redelivered(['111-1111111-1111111:newOrder'], T0 + 10 * MIN);
		expect(ledger.dueAt('111-1111111-1111111:newOrder', 10 * MIN)).toBe(T0 + 10 * MIN + 20 * MIN);
		ledger.redelivered(['111-1111111-1111111:newOrder'], T0 + 30 * MIN);
		expect(ledger.dueAt('111-1111111-1111111:newOrder', 10 * MIN)).toBe(T0 + 30 * MIN + 40 * MIN);
	});

	it('never waits longer than MAX_WAIT_MS between deliveries', () => {
		const ledger = new DeliveryLedger({ 'a:newOrder': `${T0}/7` });
		expect(ledger.dueAt('a:newOrder', 10 * MIN)).toBe(T0 + MAX_WAIT_MS);
	});

	it('a confirmed event is forgotten; an unknown confirmation changes nothing', () => {
		const ledger = new DeliveryLedger(undefined);
		ledger.add(['a:newOrder', 'b:orderCanceled'], T0);
		ledger.confirm(['a:newOrder', 'z:newOrder']);
		expect(ledger.eventIds).toEqual(['b:orderCanceled']);
	});

	it(`gives an event up after ${MAX_ATTEMPTS} deliveries, and says so`, () => {
		const ledger = new DeliveryLedger(undefined);
		ledger.add(['a:newOrder'], T0);
		let givenUp: string[] = [];
		for (let delivery = 2; delivery <= MAX_ATTEMPTS; delivery++) givenUp = ledger.redelivered(['a:newOrder'], T0 + delivery * MIN);
		expect(givenUp).toEqual(['a:newOrder']);
		expect(ledger.size).toBe(0);
	});

	it('oldest first, at most the limit per poll', () => {
		const ledger = new DeliveryLedger(undefined);
		ledger.add(['late:newOrder'], T0 + MIN);
		ledger.add(['early:newOrder'], T0);
		expect(ledger.due(T0 + 60 * MIN, 10 * MIN, 1)).toEqual(['early:newOrder']);
	});

	it('stays bounded: beyond MAX_PENDING the oldest are no longer tracked, and the caller learns which', () => {
		const ledger = new DeliveryLedger(undefined);
		ledger.add(Array.from({ length: MAX_PENDING }, (_, i) => `o${i}:newOrder`), T0);
		const dropped = ledger.add(['newest:newOrder'], T0 + 1);
		expect(dropped).toEqual(['o0:newOrder']);
		expect(ledger.size).toBe(MAX_PENDING);
	});

	it('survives its stored form, and ignores entries it cannot read', () => {
		const ledger = new DeliveryLedger(undefined);
		ledger.add(['a:newOrder'], T0);
		ledger.redelivered(['a:newOrder'], T0 + MIN);
		const again = new DeliveryLedger({ ...ledger.toJSON(), 'bad:newOrder': 'x/y' });
		expect(again.toJSON()).toEqual({ 'a:newOrder': `${T0 + MIN}/2` });
	});

	it('reads the order and event from an eventId, including Order Updated ids with a time', () => {
		expect(parseEventId('902-1106328-1059050:newOrder')).toEqual({ orderId: '902-1106328-1059050', event: 'newOrder' });
		expect(parseEventId('902-1106328-1059050:orderUpdated:2026-01-05T12:00:00Z')).toEqual({ orderId: '902-1106328-1059050', event: 'orderUpdated' });
		expect(parseEventId('nonsense')).toBeUndefined();
	});
});
