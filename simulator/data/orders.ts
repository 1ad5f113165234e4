/**
 * The order book: compact internal records (buyer details are derived from a seed on demand), the
 * state machine Amazon drives them through, and generators for tests, benchmarks and the demo.
 */
import { Rng, hashSeed } from './random';
import { MARKETPLACES } from './marketplaces';
import type { AccountKey, SimAccount } from './accounts';
import type { Catalog, Listing } from './catalog';
import type { Scheduler } from './scheduler';

export type FulfillmentStatus =
	| 'PENDING_AVAILABILITY'
	| 'PENDING'
	| 'UNSHIPPED'
	| 'PARTIALLY_SHIPPED'
	| 'SHIPPED'
	| 'CANCELLED'
	| 'UNFULFILLABLE';
export type FulfilledBy = 'MERCHANT' | 'AMAZON';

export interface SimOrderItem {
	orderItemId: string;
	sku: string;
	asin: string;
	title: string;
	conditionType: string;
	quantity: number;
	/** Minor units. Tax-inclusive where the marketplace prices gross (EU, JP), net elsewhere. */
	unitPrice: number;
	shipping: number;
	giftWrap: number;
	/** Positive magnitudes; rendered as negative DISCOUNT lines. */
	promotionDiscount: number;
	shippingDiscount: number;
	/** Added on top in US/CA/MX; the VAT share already inside the prices in EU/JP. */
	itemTax: number;
	shippingTax: number;
	giftWrapTax: number;
	promotionIds: string[];
	giftMessage?: string;
	giftWrapLevel?: string;
	transparency: boolean;
	/** JP only: Amazon points granted on the item. */
	points?: number;
	shipped: number;
	cancelled: boolean;
	cancelledBy?: 'BUYER' | 'MERCHANT' | 'AMAZON';
	cancelReason?: string;
	/** The buyer asked to cancel and the seller has not acted yet. */
	cancelRequested?: string;
}

export interface SimPackage {
	packageReferenceId: string;
	carrierCode: string;
	carrierName?: string;
	shippingMethod?: string;
	trackingNumber: string;
	shipTime: number;
	createdTime: number;
	items: Array<{ orderItemId: string; quantity: number; transparencyCodes?: string[] }>;
}

export interface SimOrder {
	orderId: string;
	account: AccountKey;
	sellerId: string;
	marketplaceId: string;
	createdTime: number;
	lastUpdatedTime: number;
	status: FulfillmentStatus;
	fulfilledBy: FulfilledBy;
	serviceLevel: string;
	prime: boolean;
	business: boolean;
	premium: boolean;
	replacementOf?: string;
	purchaseOrderNumber?: string;
	seed: number;
	items: SimOrderItem[];
	packages: SimPackage[];
	shipBy: [number, number];
	deliverBy: [number, number];
}

export interface CreateItemInput {
	sku?: string;
	quantity?: number;
	/** Minor units; defaults to the listing price (0 for replacements). */
	unitPrice?: number;
	shipping?: number;
	giftMessage?: string;
	giftWrapLevel?: string;
	promotionDiscount?: number;
	shippingDiscount?: number;
	promotionIds?: string[];
}

export interface CreateOrderInput {
	account?: AccountKey;
	marketplaceId?: string;
	fulfilledBy?: FulfilledBy;
	/** Target status; intermediate steps are recorded at `createdAt`. */
	status?: FulfillmentStatus;
	createdAt?: number | Date;
	/** When the last change happened; defaults to createdAt (or now for later statuses). */
	lastUpdatedAt?: number | Date;
	orderId?: string;
	items?: CreateItemInput[];
	itemCount?: number;
	business?: boolean;
	prime?: boolean;
	premium?: boolean;
	gift?: boolean;
	promotion?: boolean;
	freeShipping?: boolean;
	replacementOf?: string;
	serviceLevel?: string;
}

export interface GenerateInput {
	count: number;
	account?: AccountKey;
	marketplaces?: string[];
	fulfilledBy?: FulfilledBy;
	/** Creation times are spread over this range; default the last 3 days (ending 3 minutes ago). */
	createdAt?: [number | Date, number | Date] | number | Date;
	statuses?: FulfillmentStatus[];
}

export interface LifecycleInput {
	count: number;
	/** Virtual milliseconds over which the orders are placed. */
	over: number;
	start?: number;
	account?: AccountKey;
	marketplaces?: string[];
	fulfilledBy?: FulfilledBy;
	/** Share of orders the buyer cancels before shipment; default 0.05. */
	cancelRate?: number;
	/** Share of FBM orders shipped in two packages; default 0.15. */
	partialRate?: number;
	/** Whether FBM orders get shipped (by the seller elsewhere) during the run; default true. */
	shipMerchantOrders?: boolean;
	/** Multiplies every delay after creation (0.05 for a fast demo). */
	timeScale?: number;
}

export interface LifecycleHandle {
	count: number;
	/** Virtual time by which every scheduled change has happened. */
	until: number;
	/** Ids of the orders created so far (filled as the clock moves). */
	orderIds: string[];
}

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

const CANCEL_REASONS_BUYER = ['Ordered by mistake', 'Found a better price', 'Delivery date too late', 'No longer needed'];

const CARRIERS: Record<string, Array<[string, string, string]>> = {
	US: [['UPS', 'UPS', 'UPS Ground'], ['USPS', 'USPS', 'Priority Mail'], ['FedEx', 'FedEx', 'FedEx Home Delivery']],
	CA: [['Canada Post', 'Canada Post', 'Expedited Parcel'], ['Purolator', 'Purolator', 'Purolator Ground']],
	MX: [['Estafeta', 'Estafeta', 'Dia Siguiente'], ['DHL', 'DHL', 'DHL Express']],
	GB: [['Royal Mail', 'Royal Mail', 'Tracked 48'], ['DPD', 'DPD', 'Next Day'], ['Evri', 'Evri', 'Standard']],
	DE: [['DHL', 'DHL', 'DHL Paket'], ['Hermes', 'Hermes', 'Standard'], ['DPD', 'DPD', 'Classic']],
	FR: [['Colissimo', 'Colissimo', 'Domicile sans signature'], ['Chronopost', 'Chronopost', 'Chrono 13']],
	IT: [['BRT', 'BRT', 'Standard'], ['Poste Italiane', 'Poste Italiane', 'Crono']],
	ES: [['Correos', 'Correos', 'Paq Estándar'], ['SEUR', 'SEUR', 'SEUR 24']],
	JP: [['Yamato Transport', 'ヤマト運輸', '宅急便'], ['Sagawa Express', '佐川急便', '飛脚宅配便']],
};

export class OrderStore {
	private list: SimOrder[] = [];
	private byId = new Map<string, SimOrder>();
	private rng: Rng;
	/** Bumped on every change so that search results can be cached between unchanged pages. */
	version = 0;
	/**
	 * Called after every shipment (the finance ledger posts money from it). It must stay cheap:
	 * benchmarks ship thousands of orders that nobody ever asks money questions about.
	 */
	onShip?: (order: SimOrder, lines: ReadonlyArray<{ orderItemId: string; quantity: number }>, at: number) => void;

	constructor(
		private accounts: Record<AccountKey, SimAccount>,
		private catalog: Catalog,
		private scheduler: Scheduler,
		private now: () => number,
		seed: number,
	) {
		this.rng = new Rng(seed ^ 0x0dde5);
	}

	get size(): number {
		return this.list.length;
	}

	all(): readonly SimOrder[] {
		return this.list;
	}

	record(orderId: string): SimOrder | undefined {
		return this.byId.get(orderId);
	}

	accountOf(order: SimOrder): SimAccount {
		return this.accounts[order.account];
	}

	/** Places one order. Anything not given is drawn at random, realistic for the marketplace. */
	create(input: CreateOrderInput = {}): SimOrder {
		const rng = this.rng;
		const account = this.accounts[input.account ?? (input.marketplaceId ? accountKeyFor(this.accounts, input.marketplaceId) : 'na')];
		if (!account) throw new Error(`No simulated account sells in marketplace ${input.marketplaceId}`);
		const marketplaceId = input.marketplaceId ?? weightedMarketplace(rng, account);
		if (!account.marketplaceIds.includes(marketplaceId)) {
			throw new Error(`Account ${account.key} does not sell in marketplace ${marketplaceId}`);
		}
		const mp = MARKETPLACES[marketplaceId];
		const createdTime = toMs(input.createdAt) ?? this.now();
		const fulfilledBy: FulfilledBy =
			input.fulfilledBy ??
			(input.items?.[0]?.sku
				? this.catalog.listing(account.sellerId, marketplaceId, input.items[0].sku)?.product.channel === 'FBA'
					? 'AMAZON'
					: 'MERCHANT'
				: rng.chance(0.45)
					? 'AMAZON'
					: 'MERCHANT');
		const channel = fulfilledBy === 'AMAZON' ? 'FBA' : 'FBM';
		const candidates = this.catalog.sellable(account.sellerId, marketplaceId, channel);
		const business = input.business ?? (rng.chance(mp.region === 'eu' ? 0.12 : 0.06));
		const replacement = input.replacementOf !== undefined;
		const gift = input.gift ?? rng.chance(0.07);
		const promotion = input.promotion ?? rng.chance(0.15);
		const freeShipping = input.freeShipping ?? (fulfilledBy === 'MERCHANT' && rng.chance(0.2));
		const itemInputs: CreateItemInput[] =
			input.items ??
			Array.from(
				{
					length:
						input.itemCount ??
						// A partial shipment needs at least two units to split.
						(input.status === 'PARTIALLY_SHIPPED' ? 2 : rng.weighted([[1, 70], [2, 20], [3, 7], [4, 3]] as const)),
				},
				() => ({}),
			);
		const usedSkus = new Set<string>();
		const orderId = input.orderId ?? this.newOrderId(mp.orderPrefixes);
		const items: SimOrderItem[] = itemInputs.map((it, idx) => {
			let listing: Listing | undefined;
			if (it.sku) {
				listing = this.catalog.listing(account.sellerId, marketplaceId, it.sku);
				if (!listing) throw new Error(`SKU ${it.sku} is not listed in ${marketplaceId} for ${account.key}`);
			} else {
				const free = candidates.filter((l) => !usedSkus.has(l.sku));
				listing = rng.pick(free.length ? free : candidates);
			}
			usedSkus.add(listing.sku);
			const quantity = it.quantity ?? rng.weighted([[1, 80], [2, 14], [3, 4], [5, 2]] as const);
			const unitPrice = replacement ? 0 : (it.unitPrice ?? listing.price);
			const shippingBase = replacement || fulfilledBy === 'AMAZON' && input.prime !== false ? 0 : shippingFor(mp.currency, rng);
			const shipping = it.shipping ?? (idx === 0 ? shippingBase : 0);
			const giftWrap = gift && !replacement && idx === 0 ? giftWrapFor(mp.currency) : 0;
			const promotionDiscount = it.promotionDiscount ?? (promotion && !replacement && idx === 0 ? Math.round(unitPrice * quantity * 0.1) : 0);
			const shippingDiscount = it.shippingDiscount ?? (freeShipping && !replacement ? shipping : 0);
			const taxRate = mp.taxRate;
			const taxOf = (amount: number) =>
				mp.taxIncluded ? Math.round(amount - amount / (1 + taxRate)) : Math.round(amount * taxRate);
			const promotionIds = it.promotionIds ?? [
				...(promotionDiscount ? [`PLM-${mp.countryCode}-${rng.chars(10, 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789')}`] : []),
				...(shippingDiscount ? [`FREE-SHIPPING-${mp.countryCode}`] : []),
			];
			return {
				orderItemId: rng.digits(14).replace(/^0/, '1'),
				sku: listing.sku,
				asin: listing.product.asin,
				title: listing.product.title,
				conditionType: listing.product.conditionType,
				quantity,
				unitPrice,
				shipping,
				giftWrap,
				promotionDiscount,
				shippingDiscount,
				itemTax: taxOf(unitPrice * quantity - promotionDiscount),
				shippingTax: taxOf(shipping - shippingDiscount),
				giftWrapTax: taxOf(giftWrap),
				promotionIds,
				giftMessage: it.giftMessage ?? (gift && idx === 0 ? `__seed__` : undefined),
				giftWrapLevel: it.giftWrapLevel ?? (gift && idx === 0 ? rng.pick(['STANDARD', 'PREMIUM']) : undefined),
				transparency: listing.product.transparency,
				points: mp.countryCode === 'JP' && !replacement ? Math.floor((unitPrice * quantity) / 100 / 100) : undefined,
				shipped: 0,
				cancelled: false,
			};
		});
		const seed = hashSeed(orderId);
		for (const item of items) {
			// Gift messages come from the buyer's seed so they stay stable but are not stored per order twice.
			if (item.giftMessage === '__seed__') item.giftMessage = giftMessageText(seed, mp.countryCode);
		}
		const serviceLevel =
			input.serviceLevel ??
			rng.weighted([['STANDARD', 60], ['EXPEDITED', 15], ['SECOND_DAY', 8], ['NEXT_DAY', 8], ['FREE_ECONOMY', 6], ['SAME_DAY', 3]] as const);
		const shipDays = serviceLevel === 'SAME_DAY' || serviceLevel === 'NEXT_DAY' ? 0 : serviceLevel === 'STANDARD' || serviceLevel === 'FREE_ECONOMY' ? 2 : 1;
		const dayStart = Math.floor(createdTime / DAY) * DAY;
		const order: SimOrder = {
			orderId,
			account: account.key,
			sellerId: account.sellerId,
			marketplaceId,
			createdTime,
			lastUpdatedTime: createdTime,
			status: 'PENDING',
			fulfilledBy,
			serviceLevel,
			prime: input.prime ?? (fulfilledBy === 'AMAZON' ? rng.chance(0.7) : rng.chance(0.1)),
			business,
			premium: input.premium ?? (serviceLevel === 'NEXT_DAY' || serviceLevel === 'SAME_DAY'),
			replacementOf: input.replacementOf,
			purchaseOrderNumber: business && rng.chance(0.5) ? `PO-${rng.digits(6)}` : undefined,
			seed,
			items,
			packages: [],
			shipBy: [dayStart, dayStart + (shipDays + 1) * DAY - 1000],
			deliverBy: [dayStart + (shipDays + 2) * DAY, dayStart + (shipDays + 5) * DAY - 1000],
		};
		this.list.push(order);
		this.byId.set(orderId, order);
		this.reserveStock(order, +1);
		this.version++;
		const target = input.status ?? 'PENDING';
		const last = toMs(input.lastUpdatedAt);
		if (target !== 'PENDING') this.moveTo(order, target, last ?? createdTime);
		else if (last !== undefined) order.lastUpdatedTime = Math.max(createdTime, last);
		return order;
	}

	/** Many orders at once, spread over a time range, each in a status plausible for its age. */
	generate(input: GenerateInput): SimOrder[] {
		const rng = this.rng;
		const now = this.now();
		let from: number;
		let to: number;
		if (Array.isArray(input.createdAt)) {
			from = toMs(input.createdAt[0])!;
			to = toMs(input.createdAt[1])!;
		} else if (input.createdAt !== undefined) {
			from = to = toMs(input.createdAt)!;
		} else {
			from = now - 3 * DAY;
			to = now - 3 * MIN;
		}
		const out: SimOrder[] = [];
		const accounts = input.account ? [this.accounts[input.account]] : Object.values(this.accounts);
		for (let i = 0; i < input.count; i++) {
			let account = rng.pick(accounts);
			let marketplaceId: string | undefined;
			if (input.marketplaces?.length) {
				marketplaceId = rng.pick(input.marketplaces);
				account = this.accounts[accountKeyFor(this.accounts, marketplaceId)];
			}
			const created = Math.round(from + rng.next() * (to - from));
			const age = Math.max(0, now - created);
			const status = input.statuses ? rng.pick(input.statuses) : plausibleStatus(rng, age);
			const updated = status === 'PENDING' ? created : created + Math.round(rng.next() * Math.max(0, Math.min(age, 2 * DAY)));
			out.push(
				this.create({
					account: account.key,
					marketplaceId,
					fulfilledBy: input.fulfilledBy,
					createdAt: created,
					status,
					lastUpdatedAt: Math.min(updated, Math.max(created, now)),
				}),
			);
		}
		return out;
	}

	/**
	 * Orders that arrive and move through their states over virtual time: created at random moments
	 * in [start, start+over], paid minutes later, shipped (FBA by Amazon, FBM by the seller, sometimes
	 * in two parcels) hours later, a few cancelled by the buyer first. Applied lazily as the clock moves.
	 */
	lifecycle(input: LifecycleInput): LifecycleHandle {
		const rng = this.rng;
		const start = input.start ?? this.now();
		const scale = input.timeScale ?? 1;
		const cancelRate = input.cancelRate ?? 0.05;
		const partialRate = input.partialRate ?? 0.15;
		const shipMerchant = input.shipMerchantOrders ?? true;
		const handle: LifecycleHandle = { count: input.count, until: start, orderIds: [] };
		const accounts = input.account ? [input.account] : (Object.keys(this.accounts) as AccountKey[]);
		for (let i = 0; i < input.count; i++) {
			const at = start + Math.round(rng.next() * input.over);
			const account = rng.pick(accounts);
			const marketplaceId = input.marketplaces?.length ? rng.pick(input.marketplaces) : undefined;
			const fulfilledBy = input.fulfilledBy ?? (rng.chance(0.45) ? 'AMAZON' : 'MERCHANT');
			const paidAfter = Math.round(rng.int(1, 20) * MIN * scale);
			const cancel = rng.chance(cancelRate);
			const cancelAfter = Math.round(rng.int(2, 90) * MIN * scale);
			const shipAfter = Math.round((fulfilledBy === 'AMAZON' ? rng.int(30, 600) : rng.int(60, 1440)) * MIN * scale);
			const partial = fulfilledBy === 'MERCHANT' && rng.chance(partialRate);
			const secondParcelAfter = Math.round(rng.int(60, 480) * MIN * scale);
			const latest = at + Math.max(paidAfter, cancel ? cancelAfter : shipAfter + (partial ? secondParcelAfter : 0));
			handle.until = Math.max(handle.until, latest);
			this.scheduler.at(at, (t) => {
				const order = this.create({
					account: marketplaceId ? accountKeyFor(this.accounts, marketplaceId) : account,
					marketplaceId,
					fulfilledBy,
					createdAt: t,
					itemCount: partial ? rng.int(2, 3) : undefined,
				});
				handle.orderIds.push(order.orderId);
				this.scheduler.at(t + paidAfter, (t2) => {
					if (order.status === 'PENDING') this.moveTo(order, 'UNSHIPPED', t2);
				});
				if (cancel) {
					this.scheduler.at(t + cancelAfter, (t2) => {
						if (order.status === 'PENDING' || order.status === 'UNSHIPPED') {
							this.cancel(order, undefined, t2, 'BUYER', rng.pick(CANCEL_REASONS_BUYER));
						}
					});
					return;
				}
				if (fulfilledBy === 'MERCHANT' && !shipMerchant) return;
				if (partial) {
					this.scheduler.at(t + shipAfter, (t2) => {
						if (order.status === 'UNSHIPPED') this.moveTo(order, 'PARTIALLY_SHIPPED', t2);
					});
					this.scheduler.at(t + shipAfter + secondParcelAfter, (t2) => {
						if (order.status === 'PARTIALLY_SHIPPED' || order.status === 'UNSHIPPED') this.moveTo(order, 'SHIPPED', t2);
					});
				} else {
					this.scheduler.at(t + shipAfter, (t2) => {
						if (order.status === 'UNSHIPPED') this.moveTo(order, 'SHIPPED', t2);
					});
				}
			});
		}
		return handle;
	}

	/**
	 * Drives an order to `target` as Amazon or the seller would, recording the change at `at`.
	 * Throws on moves Amazon would never make (an order shipped cannot be cancelled).
	 */
	moveTo(order: SimOrder, target: FulfillmentStatus, at: number = this.now()): void {
		const from = order.status;
		if (from === target) return;
		if (from === 'CANCELLED' || from === 'SHIPPED') throw new Error(`Order ${order.orderId} is ${from}; cannot move to ${target}`);
		switch (target) {
			case 'PENDING':
			case 'PENDING_AVAILABILITY':
				if (from !== 'PENDING' && from !== 'PENDING_AVAILABILITY') throw new Error(`Order ${order.orderId} cannot go back to ${target}`);
				order.status = target;
				break;
			case 'UNSHIPPED':
			case 'UNFULFILLABLE':
				if (from === 'PARTIALLY_SHIPPED') throw new Error(`Order ${order.orderId} is partially shipped`);
				order.status = target;
				break;
			case 'PARTIALLY_SHIPPED': {
				const open = order.items.filter((i) => !i.cancelled && i.shipped < i.quantity);
				const total = open.reduce((s, i) => s + i.quantity - i.shipped, 0);
				if (total < 2) throw new Error(`Order ${order.orderId} has a single unit; it cannot be partially shipped`);
				// Ship the first open line (or part of it when it is the only one).
				const first = open[0];
				const qty = open.length > 1 ? first.quantity - first.shipped : Math.max(1, Math.floor((first.quantity - first.shipped) / 2));
				this.ship(order, [{ orderItemId: first.orderItemId, quantity: qty }], at);
				return;
			}
			case 'SHIPPED': {
				const open = order.items.filter((i) => !i.cancelled && i.shipped < i.quantity);
				this.ship(
					order,
					open.map((i) => ({ orderItemId: i.orderItemId, quantity: i.quantity - i.shipped })),
					at,
				);
				return;
			}
			case 'CANCELLED':
				this.cancel(order, undefined, at, order.fulfilledBy === 'AMAZON' ? 'AMAZON' : 'BUYER', 'Cancelled');
				return;
		}
		this.touch(order, at);
	}

	/** Ships quantities; FBM shipments get a package (what confirmShipment or Seller Central would create). */
	ship(
		order: SimOrder,
		lines: Array<{ orderItemId: string; quantity: number; transparencyCodes?: string[] }>,
		at: number = this.now(),
		pkg?: Partial<Omit<SimPackage, 'items'>>,
	): void {
		for (const line of lines) {
			const item = order.items.find((i) => i.orderItemId === line.orderItemId);
			if (!item) throw new Error(`Unknown order item ${line.orderItemId}`);
			item.shipped = Math.min(item.quantity, item.shipped + line.quantity);
		}
		if (order.fulfilledBy === 'MERCHANT' && lines.length) {
			const rng = new Rng(hashSeed(order.orderId, order.packages.length));
			const country = MARKETPLACES[order.marketplaceId].countryCode;
			const [carrierCode, carrierName, method] = rng.pick(CARRIERS[country] ?? CARRIERS.US);
			order.packages.push({
				packageReferenceId: pkg?.packageReferenceId ?? String(order.packages.length + 1),
				carrierCode: pkg?.carrierCode ?? carrierCode,
				carrierName: pkg?.carrierName ?? carrierName,
				shippingMethod: pkg?.shippingMethod ?? method,
				trackingNumber: pkg?.trackingNumber ?? trackingNumberFor(carrierCode, rng),
				shipTime: pkg?.shipTime ?? at,
				createdTime: at,
				items: lines.map((l) => ({ ...l })),
			});
		}
		this.reserveStock(order, 0, lines);
		this.derive(order);
		this.touch(order, at);
		this.onShip?.(order, lines, at);
	}

	/** Cancels the given items (all open items when omitted). Shipped units cannot be cancelled. */
	cancel(order: SimOrder, orderItemIds: string[] | undefined, at: number, by: 'BUYER' | 'MERCHANT' | 'AMAZON', reason: string): void {
		const targets = order.items.filter((i) => (orderItemIds ? orderItemIds.includes(i.orderItemId) : !i.cancelled));
		for (const item of targets) {
			if (item.shipped > 0) throw new Error(`Order item ${item.orderItemId} has shipped units`);
		}
		for (const item of targets) {
			if (item.cancelled) continue;
			item.cancelled = true;
			item.cancelledBy = by;
			item.cancelReason = reason;
			this.releaseStock(order, item);
		}
		this.derive(order);
		this.touch(order, at);
	}

	/** Test hook: the buyer asks to cancel (shows up as cancellation.cancellationRequest). */
	requestCancellation(order: SimOrder, reason: string, at: number = this.now()): void {
		for (const item of order.items) if (!item.cancelled && item.shipped < item.quantity) item.cancelRequested = reason;
		this.touch(order, at);
	}

	touch(order: SimOrder, at: number): void {
		order.lastUpdatedTime = Math.max(order.lastUpdatedTime, at, order.createdTime);
		this.version++;
	}

	private derive(order: SimOrder): void {
		const live = order.items.filter((i) => !i.cancelled);
		if (!live.length) order.status = 'CANCELLED';
		else if (live.every((i) => i.shipped >= i.quantity)) order.status = 'SHIPPED';
		else if (live.some((i) => i.shipped > 0)) order.status = 'PARTIALLY_SHIPPED';
		else if (order.status === 'PARTIALLY_SHIPPED' || order.status === 'SHIPPED' || order.status === 'CANCELLED') order.status = 'UNSHIPPED';
	}

	/**
	 * Placing an order takes the units out of sale: an FBM listing's quantity drops, FBA units move
	 * from fulfillable to reserved; shipping clears the reservation, cancelling gives units back.
	 */
	private reserveStock(order: SimOrder, sign: 1 | 0, shippedLines?: Array<{ orderItemId: string; quantity: number }>): void {
		for (const item of order.items) {
			const listing = this.catalog.listing(order.sellerId, order.marketplaceId, item.sku);
			if (!listing) continue;
			if (sign === 1) {
				if (listing.fba) {
					const take = Math.min(listing.fba.fulfillable, item.quantity);
					listing.fba.fulfillable -= take;
					listing.fba.pendingCustomerOrder += item.quantity;
					listing.fba.lastUpdated = order.createdTime;
					listing.quantity = listing.fba.fulfillable;
				} else {
					listing.quantity = Math.max(0, listing.quantity - item.quantity);
				}
			} else if (shippedLines && listing.fba) {
				const line = shippedLines.find((l) => l.orderItemId === item.orderItemId);
				if (line) {
					listing.fba.pendingCustomerOrder = Math.max(0, listing.fba.pendingCustomerOrder - line.quantity);
					listing.fba.lastUpdated = this.now();
				}
			}
		}
	}

	private releaseStock(order: SimOrder, item: SimOrderItem): void {
		const listing = this.catalog.listing(order.sellerId, order.marketplaceId, item.sku);
		if (!listing) return;
		const open = item.quantity - item.shipped;
		if (listing.fba) {
			listing.fba.pendingCustomerOrder = Math.max(0, listing.fba.pendingCustomerOrder - open);
			listing.fba.fulfillable += open;
			listing.fba.lastUpdated = this.now();
			listing.quantity = listing.fba.fulfillable;
		} else {
			listing.quantity += open;
		}
	}

	private newOrderId(prefixes: string[]): string {
		for (;;) {
			const id = `${this.rng.pick(prefixes)}-${this.rng.digits(7)}-${this.rng.digits(7)}`;
			if (!this.byId.has(id)) return id;
		}
	}
}

export function accountKeyFor(accounts: Record<AccountKey, SimAccount>, marketplaceId: string): AccountKey {
	const hit = Object.values(accounts).find((a) => a.marketplaceIds.includes(marketplaceId));
	if (!hit) throw new Error(`No simulated account sells in marketplace ${marketplaceId}`);
	return hit.key;
}

function weightedMarketplace(rng: Rng, account: SimAccount): string {
	// The home store carries most of the volume.
	return rng.weighted(account.marketplaceIds.map((id, i) => [id, i === 0 ? 6 : 1] as const));
}

function plausibleStatus(rng: Rng, age: number): FulfillmentStatus {
	if (rng.chance(0.04)) return 'CANCELLED';
	if (age < 30 * MIN) return rng.chance(0.5) ? 'PENDING' : 'UNSHIPPED';
	if (age < 6 * HOUR) return rng.weighted([['UNSHIPPED', 70], ['SHIPPED', 25], ['PENDING', 5]] as const);
	if (age < 2 * DAY) return rng.weighted([['UNSHIPPED', 30], ['SHIPPED', 65], ['PARTIALLY_SHIPPED', 5]] as const);
	return rng.weighted([['SHIPPED', 95], ['UNSHIPPED', 5]] as const);
}

function shippingFor(currency: string, rng: Rng): number {
	switch (currency) {
		case 'JPY':
			return rng.pick([0, 35000, 50000]);
		case 'MXN':
			return rng.pick([0, 9900, 14900]);
		default:
			return rng.pick([0, 399, 499, 599, 799]);
	}
}

function giftWrapFor(currency: string): number {
	if (currency === 'JPY') return 30000;
	if (currency === 'MXN') return 5900;
	return 399;
}

function giftMessageText(seed: number, countryCode: string): string {
	const r = new Rng(seed ^ 0x61f7);
	const messages: Record<string, string[]> = {
		DE: ['Alles Gute zum Geburtstag!', 'Frohe Weihnachten – mit Liebe, Oma'],
		FR: ['Joyeux anniversaire !', 'Avec toute notre affection'],
		IT: ['Buon compleanno!', 'Tanti auguri!'],
		ES: ['¡Feliz cumpleaños!', '¡Felicidades!'],
		JP: ['お誕生日おめでとう！', 'いつもありがとう'],
		MX: ['¡Feliz cumpleaños!'],
	};
	return r.pick(messages[countryCode] ?? ['Happy birthday! Love, Sam', 'Congratulations on the new home - enjoy!', 'Thinking of you']);
}

function trackingNumberFor(carrier: string, rng: Rng): string {
	switch (carrier) {
		case 'UPS':
			return '1Z' + rng.chars(6, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789') + rng.digits(10);
		case 'USPS':
			return '9400' + rng.digits(18);
		case 'Royal Mail':
			return 'RR' + rng.digits(9) + 'GB';
		default:
			return rng.digits(12);
	}
}

export function toMs(v: number | Date | undefined): number | undefined {
	if (v === undefined) return undefined;
	return typeof v === 'number' ? v : v.getTime();
}
