/**
 * Amazon's `CarrierCode` values for shipment confirmations (Orders v0 confirmShipment,
 * `packageDetail.carrierCode`). Amazon accepts only values from its list; for any other carrier
 * the seller sends `Other` with the carrier's name in `carrierName`. Pure data, no n8n imports.
 *
 * Sources: the `CarrierCode` enumeration of Amazon's feed schema (amzn-base.xsd), the values
 * Seller Central lists for the shipping confirmation template, and Amazon's 2021/2022
 * announcements that made `CarrierCode` required ("match the options listed in Seller Central
 * exactly … if the carrier is unlisted, use `Other` and give the name in `CarrierName`").
 * Amazon's full list is longer (several hundred regional carriers); this list keeps the ones
 * sellers commonly ship with. A carrier missing here is still confirmable as `Other` + name.
 */
export const OTHER_CARRIER = 'Other';

export const CARRIER_CODES: readonly string[] = [
	'4PX',
	'AFL/Fedex',
	'Amazon Shipping',
	'APC',
	'Aramex',
	'Arrow XL',
	'Asendia',
	'Australia Post',
	'Bartolini',
	'Blue Package',
	'BlueDart',
	'BRT',
	'Canada Post',
	'China Post',
	'Chronopost',
	'City Link',
	'Colis Prive',
	'Colissimo',
	'Correios',
	'Correos',
	'Correos Express',
	'Couriers Please',
	'Delhivery',
	'Deutsche Post',
	'DHL',
	'DHL eCommerce',
	'DHL Express',
	'DHL Freight',
	'DHL Global Mail',
	'DHL Home Delivery',
	'DHL Kargo',
	'DHL Parcel UK',
	'DHL-Paket',
	'DPD',
	'DPD Local',
	'DTDC',
	'DX',
	'Ecom Express',
	'Emirates Post',
	'Estafeta',
	'Fastway',
	'FedEx',
	'Fedex Freight',
	'FedEx SmartPost',
	'FEDEX_JP',
	'First Flight',
	'First Mile',
	'GLS',
	'GO!',
	'Hermes',
	'Hermes Logistik Gruppe',
	'Hermes UK',
	'Hongkong Post',
	'India Post',
	'InPost',
	'JP_EXPRESS',
	'La Poste',
	'Lasership',
	'Newgistics',
	'Ninjavan',
	'NipponExpress',
	'NITTSU',
	'OnTrac',
	'OSM',
	'Overnite Express',
	'Parcelforce',
	'Parcelnet',
	'Poste Italiane',
	'Professional',
	'Qxpress',
	'Royal Mail',
	'SAGAWA',
	'SagawaExpress',
	'SDA',
	'SF Express',
	'Singapore Post',
	'Smartmail',
	'Streamlite',
	'Target',
	'TNT',
	'UPS',
	'UPS Mail Innovations',
	'UPSMI',
	'USPS',
	'YAMATO',
	'YamatoTransport',
	'Yanwen',
	'Yodel',
	OTHER_CARRIER,
];

const byLowerCase = new Map(CARRIER_CODES.map((code) => [code.toLowerCase(), code]));

/**
 * The code as Amazon spells it, for a value typed in any letter case ("ups", "Royal mail"), or
 * undefined when Amazon's list does not have it. ERP data rarely matches Amazon's casing.
 */
export function carrierCodeFor(value: string): string | undefined {
	return byLowerCase.get(value.trim().toLowerCase());
}
