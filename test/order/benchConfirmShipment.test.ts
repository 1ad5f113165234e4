import { benchConfirmShipment, floorSeconds } from '../../bench/confirmShipment';

describe('bench: Confirm Shipment for many orders (virtual time)', () => {
	it('the bound is the burst at once, then one call per 1/rate seconds', () => {
		expect(floorSeconds(500, { rate: 2, burst: 10 })).toBe(245);
		expect(floorSeconds(8, { rate: 2, burst: 10 })).toBe(0);
	});

	it('ships every order without a 429, within a second of the usage-plan bound', async () => {
		const result = await benchConfirmShipment(30);
		expect(result).toMatchObject({ orders: 30, calls: 30, shipped: 30, throttled: 0, reads: 0, boundSeconds: 10 });
		expect(result.simulatedSeconds).toBeGreaterThanOrEqual(result.boundSeconds);
		expect(result.simulatedSeconds).toBeLessThanOrEqual(result.boundSeconds + 1);
	});
});
