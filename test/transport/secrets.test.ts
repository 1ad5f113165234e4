import { setClock, systemClock } from '../../nodes/AmazonSeller/transport/clock';
import { VirtualClock } from '../../simulator/virtualClock';
import {
	ACCESS_TOKEN_KEEP_MS,
	MAX_TOKENS,
	MAX_TOKENS_PER_ACCOUNT,
	registerAccessToken,
	registeredSecretCounts,
	registerSecret,
	scrubSecrets,
	scrubValue,
} from '../../nodes/AmazonSeller/transport/secrets';
import { transportState } from '../../nodes/AmazonSeller/transport/state';

describe('secret scrubbing', () => {
	it('removes registered secrets and LWA-shaped tokens wherever they appear', () => {
		registerSecret('my-client-secret-value-123');
		const text =
			'failed with my-client-secret-value-123 and Atza|IwEBIAbc-def_ghi and Atzr|IwEBIJrefresh and amzn1.oa2-cs.v1.abcdef0123';
		const scrubbed = scrubSecrets(text);
		expect(scrubbed).not.toContain('my-client-secret-value-123');
		expect(scrubbed).not.toMatch(/Atz[ar]\|/);
		expect(scrubbed).not.toContain('amzn1.oa2-cs.v1.');
		expect(scrubbed).toContain('failed with ***');
	});

	it('scrubs nested values and leaves ordinary data alone', () => {
		registerSecret('Atzr|secret-refresh-token-xyz');
		const value = { a: ['ok', { b: 'token Atzr|secret-refresh-token-xyz here' }], n: 5 };
		expect(scrubValue(value)).toEqual({ a: ['ok', { b: 'token *** here' }], n: 5 });
	});

	it('ignores values too short to be secrets', () => {
		registerSecret('abc');
		expect(scrubSecrets('abc abc')).toBe('abc abc');
	});
});

describe('bounded secret registry', () => {
	let clock: VirtualClock;
	beforeEach(() => {
		clock = new VirtualClock(Date.UTC(2026, 0, 1));
		setClock(clock);
		transportState.secrets.accessTokens.clear();
	});
	afterAll(() => setClock(systemClock));

	// Not LWA-shaped, so only the registry (not the patterns) can scrub them.
	const token = (account: string, n: number) => `opaque-token-${account}-${n}-0123456789`;

	it(`keeps only the ${MAX_TOKENS_PER_ACCOUNT} newest access tokens of an account`, () => {
		for (let n = 1; n <= 10; n++) {
			registerAccessToken(token('a', n), 'a');
			clock.advance(10 * 60_000); // all within the last two hours: only the per-account bound applies
		}
		expect(registeredSecretCounts().accessTokens).toBe(MAX_TOKENS_PER_ACCOUNT);
		expect(scrubSecrets(token('a', 10))).toBe('***');
		expect(scrubSecrets(token('a', 8))).toBe('***');
		expect(scrubSecrets(token('a', 7))).toBe(token('a', 7));
	});

	it('forgets access tokens older than two hours, and keeps each account apart', () => {
		registerAccessToken(token('a', 1), 'a');
		registerAccessToken(token('b', 1), 'b');
		clock.advance(ACCESS_TOKEN_KEEP_MS + 1);
		registerAccessToken(token('b', 2), 'b');
		expect(registeredSecretCounts().accessTokens).toBe(1);
		expect(scrubSecrets(`${token('a', 1)} ${token('b', 2)}`)).toBe(`${token('a', 1)} ***`);
	});

	it('stays bounded across many accounts, and LWA-shaped tokens are scrubbed even when forgotten', () => {
		for (let account = 0; account < MAX_TOKENS + 50; account++) registerAccessToken(token(`acct${account}`, 1), `acct${account}`);
		expect(registeredSecretCounts().accessTokens).toBe(MAX_TOKENS);
		const lwaToken = 'Atza|IwEBIForgottenLongAgo-0123456789';
		registerAccessToken(lwaToken, 'a');
		clock.advance(ACCESS_TOKEN_KEEP_MS + 1);
		registerAccessToken(token('a', 2), 'a');
		expect([...transportState.secrets.accessTokens.keys()]).not.toContain(lwaToken);
		expect(scrubSecrets(`error near ${lwaToken}`)).toBe('error near ***');
	});

	it('keeps the static secrets (client secret, refresh token) whatever the time', () => {
		registerSecret('static-client-secret-value-xyz');
		clock.advance(30 * 24 * 3_600_000);
		registerAccessToken(token('a', 1), 'a');
		expect(scrubSecrets('static-client-secret-value-xyz')).toBe('***');
	});
});
