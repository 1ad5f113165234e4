/**
 * Amazon's rate budget shared by n8n's main process and every worker (queue mode), through the
 * Redis n8n already runs. Amazon counts calls per seller account, app and operation whatever
 * process makes them; with per-process buckets N workers would spend N budgets and draw 429s.
 *
 * Why a small Lua token bucket on ioredis rather than a limiter library: the transport's bucket
 * semantics are specific — a caller *reserves* a token (the count may go below zero) and sleeps
 * until it is due, so concurrent callers queue fairly; a 429 empties the bucket and adopts the
 * rate Amazon sent; the trigger peeks at whole tokens without spending. rate-limiter-flexible
 * counts points in fixed windows (no continuous refill at 0.0056/s with a burst of 20, no reserve,
 * no drain), and bottleneck's Redis clustering schedules jobs through its own queue (a second
 * scheduler beside ours) and is unmaintained since 2019. One atomic script keeps every process's
 * decision consistent, with Redis's clock (TIME) so hosts' clocks need not agree.
 *
 * If Redis does not answer, each process falls back to its own bucket at the published rate
 * without burst (never unpaced), and the transport logs a warning; 429s are then waited out as
 * Amazon says.
 */
import type { BudgetKey, RateBudget } from '../transport';
import { getClock, InProcessRateBudget, PACING_SLACK_MS, RateBudgetError, systemClock, trackIo } from '../transport';
import type { RedisClient } from './redis';
import { redisKey, withRedis } from './redis';

/**
 * KEYS[1]: the bucket. ARGV: mode (acquire | peek | drain), rate (tokens/s), burst, now (ms; -1:
 * Redis's clock), maxWaitMs (acquire), new rate (drain; 0 keeps it).
 * Returns { wait ms, whole tokens available, refused (1: the wait exceeds maxWaitMs, nothing reserved) }.
 */
const BUCKET_SCRIPT = `
local mode = ARGV[1]
local rate = tonumber(ARGV[2])
local burst = tonumber(ARGV[3])
local now = tonumber(ARGV[4])
if now < 0 then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at', 'rate')
local tokens = tonumber(state[1]) or burst
local at = tonumber(state[2]) or now
rate = tonumber(state[3]) or rate
if now > at then
  tokens = math.min(burst, tokens + (now - at) / 1000 * rate)
  at = now
end
local wait = 0
if tokens < 1 then wait = math.ceil((1 - tokens) / rate * 1000) end
local refused = 0
if mode == 'acquire' then
  if wait > tonumber(ARGV[5]) then refused = 1 else tokens = tokens - 1 end
elseif mode == 'drain' then
  local newRate = tonumber(ARGV[6])
  if newRate and newRate > 0 then rate = newRate end
  tokens = math.min(tokens, 0)
  if tokens < 1 then wait = math.ceil((1 - tokens) / rate * 1000) end
end
if mode ~= 'peek' then
  redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(at), 'rate', tostring(rate))
  -- An idle bucket refills to full; after that it carries no information and may go.
  redis.call('PEXPIRE', KEYS[1], math.ceil((burst - math.min(tokens, 0) + 1) / rate * 1000) + 60000)
end
local whole = math.floor(tokens)
if whole < 0 then whole = 0 end
return { wait, whole, refused }
`;

type BucketReply = [number, number, number];

interface BucketCommands {
	amazonSellerBucket(key: string, mode: string, rate: number, burst: number, now: number, maxWaitMs: number, newRate: number): Promise<BucketReply>;
}

const defined = new WeakSet<RedisClient>();

function bucketCommand(redis: RedisClient): BucketCommands {
	if (!defined.has(redis)) {
		redis.defineCommand('amazonSellerBucket', { numberOfKeys: 1, lua: BUCKET_SCRIPT });
		defined.add(redis);
	}
	return redis as unknown as BucketCommands;
}

export class SharedRateBudget implements RateBudget {
	/** Each process's own pacing while Redis does not answer: the published rate, no burst. */
	private readonly fallback = new InProcessRateBudget();

	async acquire(key: BudgetKey, maxWaitMs: number): Promise<void> {
		const [wait, , refused] = await this.run(key, 'acquire', maxWaitMs, 0);
		if (refused) throw new RateBudgetError(key.operation, wait, false);
		if (wait > 0) await getClock().sleep(wait + PACING_SLACK_MS);
	}

	async available(key: BudgetKey): Promise<number> {
		return (await this.run(key, 'peek', 0, 0))[1];
	}

	async drain(key: BudgetKey, rate?: number): Promise<void> {
		await this.run(key, 'drain', 0, rate ?? 0);
	}

	async waitMs(key: BudgetKey): Promise<number> {
		return (await this.run(key, 'peek', 0, 0))[0];
	}

	private async run(key: BudgetKey, mode: 'acquire' | 'peek' | 'drain', maxWaitMs: number, newRate: number): Promise<BucketReply> {
		const clock = getClock();
		// Production uses Redis's clock; tests and benchmarks run on their virtual clock.
		const now = clock === systemClock ? -1 : clock.now();
		return await withRedis(
			"Amazon's rate budget",
			async (redis) => {
				// Tracked like any I/O, so a virtual clock (tests, benchmarks) holds still meanwhile.
				const reply = await trackIo(bucketCommand(redis).amazonSellerBucket(redisKey('budget', key.account, key.operation), mode, key.rate, key.burst, now, maxWaitMs, newRate));
				return reply.map(Number) as BucketReply;
			},
			async () => await this.local(key, mode, maxWaitMs, newRate),
		);
	}

	private async local(key: BudgetKey, mode: 'acquire' | 'peek' | 'drain', maxWaitMs: number, newRate: number): Promise<BucketReply> {
		const safe = { ...key, burst: 1 };
		const bucket = this.fallback.bucket(safe);
		const now = getClock().now();
		if (mode === 'drain') bucket.drain(now, newRate || undefined);
		const wait = bucket.waitMs(now);
		if (mode === 'acquire') {
			if (wait > maxWaitMs) return [wait, bucket.available(now), 1];
			bucket.reserve(now);
		}
		return [wait, bucket.available(now), 0];
	}
}
