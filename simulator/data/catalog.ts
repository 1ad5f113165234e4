/**
 * What each seller sells: products with ASINs and product types, listed per marketplace as FBM
 * (DEFAULT channel, seller-managed quantity) or FBA (AMAZON_NA/EU/JP, stock held by Amazon).
 */
import { Rng } from './random';
import { MARKETPLACES } from './marketplaces';
import type { AccountKey, SimAccount } from './accounts';

interface ProductSeed {
	code: string;
	title: string;
	productType: string;
	/** USD cents. */
	price: number;
}

const PRODUCTS: ProductSeed[] = [
	{ code: 'MUG-CER-350-BLU', title: 'Ceramic Coffee Mug 350 ml, Stoneware, Dishwasher Safe, Ocean Blue', productType: 'DRINKING_CUP', price: 1499 },
	{ code: 'MUG-CER-350-WHT', title: 'Ceramic Coffee Mug 350 ml, Stoneware, Dishwasher Safe, Matte White', productType: 'DRINKING_CUP', price: 1499 },
	{ code: 'KNF-CHEF-20', title: 'Chef Knife 20 cm, German Stainless Steel, Full Tang, Gift Box', productType: 'KITCHEN_KNIFE', price: 4999 },
	{ code: 'PAN-CI-26', title: 'Pre-Seasoned Cast Iron Skillet 26 cm with Helper Handle', productType: 'COOKWARE', price: 3499 },
	{ code: 'TWL-BATH-SET4-GRY', title: 'Bath Towel Set of 4, 600 GSM Organic Cotton, Grey', productType: 'TOWEL', price: 3999 },
	{ code: 'SHEET-QN-PERC-WHT', title: 'Percale Sheet Set Queen, 400 Thread Count, Crisp White', productType: 'BEDDING_SET', price: 6999 },
	{ code: 'PILLOW-MEM-STD', title: 'Memory Foam Pillow, Standard Size, Washable Bamboo Cover', productType: 'PILLOW', price: 2999 },
	{ code: 'LAMP-DESK-LED-BLK', title: 'LED Desk Lamp with USB-C Charging Port, 5 Colour Modes, Black', productType: 'LAMP', price: 3299 },
	{ code: 'BOTTLE-SS-750-GRN', title: 'Insulated Stainless Steel Water Bottle 750 ml, Leak-Proof, Forest Green', productType: 'BOTTLE', price: 2499 },
	{ code: 'YOGA-MAT-6MM-PUR', title: 'Non-Slip Yoga Mat 6 mm with Carrying Strap, Purple', productType: 'EXERCISE_MAT', price: 2799 },
	{ code: 'PUZZLE-1000-MAP', title: '1000 Piece Jigsaw Puzzle – Vintage World Map', productType: 'PUZZLES', price: 1899 },
	{ code: 'BLOCKS-WOOD-50', title: 'Wooden Building Blocks 50 Pieces, Natural Finish, Ages 2+', productType: 'TOY_BUILDING_BLOCK', price: 2299 },
	{ code: 'CABLE-USBC-2M-2PK', title: 'USB-C to USB-C Cable 2 m, 100 W Fast Charging, Braided, 2-Pack', productType: 'ELECTRONIC_CABLE', price: 1299 },
	{ code: 'CHRG-65W-GAN', title: '65 W GaN USB-C Wall Charger, 3 Ports, Foldable Plug', productType: 'CHARGING_ADAPTER', price: 3599 },
	{ code: 'EARB-BT-ANC-BLK', title: 'Wireless Earbuds with Active Noise Cancelling, 30 h Playtime, Black', productType: 'HEADPHONES', price: 7999 },
	{ code: 'BKPK-LAP-15-NVY', title: 'Laptop Backpack 15.6", Water-Resistant, Navy', productType: 'BACKPACK', price: 4599 },
	{ code: 'WALLET-RFID-BRN', title: 'Slim Leather Wallet with RFID Blocking, Brown', productType: 'WALLET', price: 2599 },
	{ code: 'CANDLE-SOY-LAV', title: 'Soy Wax Scented Candle, Lavender & Cedar, 40 h Burn Time', productType: 'CANDLE', price: 1999 },
	{ code: 'PLANT-POT-SET3', title: 'Ceramic Plant Pots Set of 3 with Drainage Holes and Saucers', productType: 'PLANTER', price: 3299 },
	{ code: 'NOTE-A5-DOT-BLK', title: 'A5 Dotted Notebook, Hardcover, 160 gsm Paper, Black', productType: 'NOTEBOOK', price: 1599 },
	{ code: 'PEN-GEL-12PK', title: 'Gel Pens 0.5 mm, Assorted Colours, 12-Pack', productType: 'WRITING_INSTRUMENT', price: 999 },
	{ code: 'TEA-GRN-SENCHA-100', title: 'Organic Sencha Green Tea, 100 g Loose Leaf', productType: 'TEA', price: 1299 },
	{ code: 'COFFEE-BEAN-1KG', title: 'Whole Bean Coffee, Medium Roast, 1 kg', productType: 'COFFEE', price: 2899 },
	{ code: 'DOG-BED-M-GRY', title: 'Orthopedic Dog Bed Medium, Removable Washable Cover, Grey', productType: 'PET_BED', price: 5499 },
	{ code: 'CAT-TOY-WAND-3', title: 'Interactive Cat Wand Toy with Feathers, 3-Pack', productType: 'PET_TOY', price: 1199 },
	{ code: 'SOCKS-MERINO-3PK-L', title: 'Merino Wool Hiking Socks, 3 Pairs, Size L', productType: 'SOCKS', price: 2699 },
	{ code: 'UMBR-CMPT-BLK', title: 'Compact Travel Umbrella, Windproof, Auto Open/Close, Black', productType: 'UMBRELLA', price: 2199 },
	{ code: 'SCALE-KIT-5KG', title: 'Digital Kitchen Scale 5 kg / 1 g, Stainless Steel', productType: 'KITCHEN_SCALE', price: 1799 },
	{ code: 'GRATER-BOX-4S', title: 'Box Grater, 4 Sides, Stainless Steel with Storage Container', productType: 'GRATER', price: 1599 },
	{ code: 'FRAME-A4-OAK-2PK', title: 'Oak Picture Frame A4, Real Glass, 2-Pack', productType: 'PICTURE_FRAME', price: 2399 },
];

export type FulfillmentChannel = 'FBA' | 'FBM';

export interface Product {
	sku: string;
	asin: string;
	fnSku?: string;
	title: string;
	productType: string;
	/** USD cents, converted per marketplace. */
	basePrice: number;
	channel: FulfillmentChannel;
	conditionType: 'new_new' | 'used_like_new' | 'refurbished_refurbished';
	transparency: boolean;
}

/** A product as listed in one marketplace. */
export interface Listing {
	sellerId: string;
	account: AccountKey;
	marketplaceId: string;
	sku: string;
	product: Product;
	/** Minor units in the marketplace currency. */
	price: number;
	/** 'DEFAULT' for FBM, AMAZON_* for FBA (a DEFAULT patch on an FBA SKU switches it to FBM). */
	channelCode: string;
	quantity: number;
	createdDate: number;
	lastUpdatedDate: number;
	fba?: FbaStock;
}

export interface FbaStock {
	fulfillable: number;
	inboundWorking: number;
	inboundShipped: number;
	inboundReceiving: number;
	pendingCustomerOrder: number;
	pendingTransshipment: number;
	fcProcessing: number;
	researching: [number, number, number];
	customerDamaged: number;
	warehouseDamaged: number;
	carrierDamaged: number;
	defective: number;
	expired: number;
	lastUpdated: number;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** Local price in minor units: converted, then rounded the way sellers price (x.99, or whole yen). */
export function localPrice(usdCents: number, marketplaceId: string): number {
	const mp = MARKETPLACES[marketplaceId];
	const raw = (usdCents / 100) * mp.fx;
	if (mp.currency === 'JPY') return Math.max(100, Math.round(raw / 10) * 10) * 100;
	if (mp.currency === 'MXN') return (Math.round(raw / 10) * 10 - 1) * 100;
	return Math.max(99, Math.round(raw) * 100 - 1);
}

export class Catalog {
	readonly products = new Map<AccountKey, Product[]>();
	/** key `${sellerId}|${marketplaceId}|${sku}` */
	readonly listings = new Map<string, Listing>();

	constructor(accounts: Record<AccountKey, SimAccount>, seed: number, now: number) {
		for (const account of Object.values(accounts)) {
			const rng = new Rng(seed ^ (0xca7 + account.key.charCodeAt(0) * 7919));
			const products: Product[] = PRODUCTS.map((p, i) => {
				// Roughly 40 % FBA, with the FBA SKUs named the way Seller Central's FBA wizard leaves them.
				const channel: FulfillmentChannel = i % 5 === 1 || i % 5 === 3 ? 'FBA' : 'FBM';
				return {
					sku: channel === 'FBA' ? `${p.code}-FBA` : p.code,
					asin: 'B0' + rng.chars(8, ALNUM),
					fnSku: channel === 'FBA' ? 'X00' + rng.chars(7, ALNUM) : undefined,
					title: p.title,
					productType: p.productType,
					basePrice: p.price,
					channel,
					conditionType: i === 7 ? 'refurbished_refurbished' : i === 19 ? 'used_like_new' : 'new_new',
					transparency: i === 14,
				};
			});
			this.products.set(account.key, products);
			for (const marketplaceId of account.marketplaceIds) {
				const mp = MARKETPLACES[marketplaceId];
				for (const [i, product] of products.entries()) {
					// Not every product is offered everywhere (EU sellers rarely list all five stores).
					if (marketplaceId !== account.marketplaceIds[0] && (i + marketplaceId.length) % 7 === 0) continue;
					const created = now - rng.int(30, 900) * 86_400_000;
					const listing: Listing = {
						sellerId: account.sellerId,
						account: account.key,
						marketplaceId,
						sku: product.sku,
						product,
						price: localPrice(product.basePrice, marketplaceId),
						channelCode: product.channel === 'FBA' ? mp.fbaChannelCode : 'DEFAULT',
						quantity: product.channel === 'FBM' ? (i % 11 === 0 ? 0 : rng.int(3, 250)) : 0,
						createdDate: created,
						lastUpdatedDate: created + rng.int(0, 20) * 86_400_000,
					};
					if (product.channel === 'FBA') {
						listing.fba = {
							fulfillable: i % 9 === 3 ? 0 : rng.int(10, 600),
							inboundWorking: rng.chance(0.3) ? rng.int(10, 200) : 0,
							inboundShipped: rng.chance(0.3) ? rng.int(10, 200) : 0,
							inboundReceiving: rng.chance(0.2) ? rng.int(1, 50) : 0,
							pendingCustomerOrder: 0,
							pendingTransshipment: rng.chance(0.3) ? rng.int(1, 20) : 0,
							fcProcessing: rng.chance(0.3) ? rng.int(1, 10) : 0,
							researching: [rng.chance(0.2) ? rng.int(1, 3) : 0, 0, rng.chance(0.1) ? 1 : 0],
							customerDamaged: rng.chance(0.2) ? rng.int(1, 4) : 0,
							warehouseDamaged: rng.chance(0.1) ? 1 : 0,
							carrierDamaged: 0,
							defective: rng.chance(0.1) ? rng.int(1, 2) : 0,
							expired: 0,
							lastUpdated: listing.lastUpdatedDate,
						};
						listing.quantity = listing.fba.fulfillable;
					}
					this.listings.set(key(account.sellerId, marketplaceId, product.sku), listing);
				}
			}
		}
	}

	/**
	 * Bulk listings for benchmarks and volume tests: `count` more SKUs (`${prefix}-000001`…) in one
	 * marketplace, product types drawn from the seed products, every `fbaEvery`-th one FBA (with stock).
	 */
	generate(account: SimAccount, marketplaceId: string, count: number, now: number, options: { prefix?: string; fbaEvery?: number } = {}): Listing[] {
		const mp = MARKETPLACES[marketplaceId];
		if (!mp || !account.marketplaceIds.includes(marketplaceId)) throw new Error(`${marketplaceId} is not a marketplace of account ${account.key}`);
		const rng = new Rng(count ^ marketplaceId.length ^ 0x6e11);
		const prefix = options.prefix ?? 'GEN';
		const made: Listing[] = [];
		for (let n = 1; n <= count; n++) {
			const seed = PRODUCTS[n % PRODUCTS.length];
			const fba = !!options.fbaEvery && n % options.fbaEvery === 0;
			const product: Product = {
				sku: `${prefix}-${String(n).padStart(6, '0')}`,
				asin: 'B0' + rng.chars(8, ALNUM),
				fnSku: fba ? 'X00' + rng.chars(7, ALNUM) : undefined,
				title: seed.title,
				productType: seed.productType,
				basePrice: seed.price,
				channel: fba ? 'FBA' : 'FBM',
				conditionType: 'new_new',
				transparency: false,
			};
			const listing: Listing = {
				sellerId: account.sellerId,
				account: account.key,
				marketplaceId,
				sku: product.sku,
				product,
				price: localPrice(product.basePrice, marketplaceId),
				channelCode: fba ? mp.fbaChannelCode : 'DEFAULT',
				quantity: fba ? 0 : rng.int(0, 100),
				createdDate: now,
				lastUpdatedDate: now,
			};
			if (fba) {
				const none = { inboundWorking: 0, inboundShipped: 0, inboundReceiving: 0, pendingCustomerOrder: 0, pendingTransshipment: 0, fcProcessing: 0 };
				const damaged = { customerDamaged: 0, warehouseDamaged: 0, carrierDamaged: 0, defective: 0, expired: 0 };
				listing.fba = { fulfillable: rng.int(0, 200), ...none, researching: [0, 0, 0], ...damaged, lastUpdated: now };
				listing.quantity = listing.fba.fulfillable;
			}
			this.listings.set(key(account.sellerId, marketplaceId, product.sku), listing);
			made.push(listing);
		}
		return made;
	}

	listing(sellerId: string, marketplaceId: string, sku: string): Listing | undefined {
		return this.listings.get(key(sellerId, marketplaceId, sku));
	}

	listingsOf(sellerId: string, marketplaceId?: string): Listing[] {
		const out: Listing[] = [];
		for (const l of this.listings.values()) {
			if (l.sellerId === sellerId && (!marketplaceId || l.marketplaceId === marketplaceId)) out.push(l);
		}
		return out;
	}

	/** Listings orders can be placed for in a marketplace, optionally by channel. */
	sellable(sellerId: string, marketplaceId: string, channel?: FulfillmentChannel): Listing[] {
		return this.listingsOf(sellerId, marketplaceId).filter((l) => !channel || l.product.channel === channel);
	}
}

function key(sellerId: string, marketplaceId: string, sku: string): string {
	return `${sellerId}|${marketplaceId}|${sku}`;
}
