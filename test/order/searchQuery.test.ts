import { buildSearchQuery } from '../../nodes/AmazonSeller/rules/searchQuery';
import { inputError, NOW } from './fixtures';


describe('Get Many search query', () => {
	it('sends exactly one of createdAfter / lastUpdatedAfter, with its own Before', () => {
		expect(buildSearchQuery({ dateFilter: 'created', after: '2026-01-01T00:00:00Z', before: '2026-01-02T00:00:00Z' }, NOW)).toEqual({
			createdAfter: '2026-01-01T00:00:00Z',
			createdBefore: '2026-01-02T00:00:00Z',
		});
		const updated = buildSearchQuery({ dateFilter: 'lastUpdated', after: '2026-01-01T00:00:00+01:00' }, NOW);
		expect(updated).toEqual({ lastUpdatedAfter: '2025-12-31T23:00:00Z' });
	});

	it("reads dates without a zone in the workflow's time zone", () => {
		const query = buildSearchQuery({ dateFilter: 'created', after: '2026-01-05T09:00:00', timezone: 'Europe/Berlin' }, NOW);
		expect(query.createdAfter).toBe('2026-01-05T08:00:00Z');
	});

	it('moves a Before later than 2 minutes ago back to 2 minutes ago, as Amazon requires', () => {
		const query = buildSearchQuery({ dateFilter: 'created', after: '2026-01-05T00:00:00Z', before: '2026-01-05T12:00:00Z' }, NOW);
		expect(query.createdBefore).toBe('2026-01-05T11:58:00Z');
		const older = buildSearchQuery({ dateFilter: 'created', after: '2026-01-05T00:00:00Z', before: '2026-01-05T11:57:59Z' }, NOW);
		expect(older.createdBefore).toBe('2026-01-05T11:57:59Z');
	});

	it('rejects a missing After, an After in the last 2 minutes and a Before earlier than After', () => {
		expect(inputError(() => buildSearchQuery({ dateFilter: 'created', after: '' }, NOW)).field).toBe('Created After');
		expect(inputError(() => buildSearchQuery({ dateFilter: 'lastUpdated', after: '2026-01-05T11:59:00Z' }, NOW)).message).toMatch(/less than 2 minutes ago/);
		expect(
			inputError(() => buildSearchQuery({ dateFilter: 'created', after: '2026-01-04T00:00:00Z', before: '2026-01-03T00:00:00Z' }, NOW)).field,
		).toBe('Created Before');
		expect(inputError(() => buildSearchQuery({ dateFilter: 'created', after: 'yesterday' }, NOW)).message).toMatch(/not a date/);
	});

	it('passes the filters and refuses more than 50 marketplaces', () => {
		const query = buildSearchQuery(
			{
				dateFilter: 'created',
				after: '2026-01-01T00:00:00Z',
				fulfilledBy: ['MERCHANT'],
				fulfillmentStatuses: ['UNSHIPPED', 'PARTIALLY_SHIPPED'],
				marketplaceIds: ['ATVPDKIKX0DER'],
				includedData: ['FULFILLMENT'],
			},
			NOW,
		);
		expect(query).toMatchObject({
			fulfilledBy: ['MERCHANT'],
			fulfillmentStatuses: ['UNSHIPPED', 'PARTIALLY_SHIPPED'],
			marketplaceIds: ['ATVPDKIKX0DER'],
			includedData: ['FULFILLMENT'],
		});
		const many = Array.from({ length: 51 }, (_, i) => `A${String(i).padStart(12, '0')}`);
		expect(inputError(() => buildSearchQuery({ dateFilter: 'created', after: '2026-01-01T00:00:00Z', marketplaceIds: many }, NOW)).field).toBe('Marketplaces');
	});
});
