import { DateTime } from 'luxon';

import { optDate, utcIsoFast } from '../../nodes/AmazonSeller/amazon/read';

const luxon = (text: string) => {
	const parsed = DateTime.fromISO(text, { zone: 'utc' });
	return parsed.isValid ? parsed.toISO({ suppressMilliseconds: true }) : 'invalid';
};

describe("Amazon's dates read fast, exactly as luxon reads them", () => {
	const cases = [
		'2026-01-05T10:00:00Z',
		'2026-01-05T10:00:00.000Z',
		'2026-01-05T10:00:00.5Z',
		'2026-01-05T10:00:00.123Z',
		'2024-02-29T23:59:59Z',
		'2025-02-29T10:00:00Z',
		'2026-04-31T10:00:00Z',
		'2026-13-01T10:00:00Z',
		'2026-00-10T10:00:00Z',
		'2026-01-05T24:00:00Z',
		'2026-01-05T10:60:00Z',
		'2026-01-05T10:00:00+02:00',
		'2026-01-05T10:00:00',
		'2026-01-05',
		'not a date',
	];

	it.each(cases)('%s', (text) => {
		const fast = utcIsoFast(text);
		// The fast path either gives luxon's answer or leaves the text to luxon.
		if (fast !== undefined) expect(fast).toBe(luxon(text));
		const read = (() => {
			try {
				return optDate({ d: text }, 'd', 'order');
			} catch {
				return 'invalid';
			}
		})();
		expect(read).toBe(luxon(text));
	});

	it('rejects an impossible day with the field named', () => {
		expect(() => optDate({ purchaseDate: '2026-04-31T10:00:00Z' }, 'purchaseDate', 'order')).toThrow(/purchaseDate.*must be an ISO 8601 date-time, got "2026-04-31T10:00:00Z"/);
	});

	it('takes the fast path for the form Amazon sends', () => {
		expect(utcIsoFast('2026-01-05T10:00:00Z')).toBe('2026-01-05T10:00:00Z');
		expect(utcIsoFast('2026-01-05T10:00:00.120Z')).toBe('2026-01-05T10:00:00.120Z');
	});
});
