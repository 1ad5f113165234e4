/**
 * Buyers and addresses, derived on demand from an order's seed rather than stored, which keeps
 * 100k orders small in memory.
 */
import { Rng } from './random';

interface City {
	city: string;
	state: string;
	postal: () => string;
	county?: string;
}

interface CountryPeople {
	first: string[];
	last: string[];
	streets: string[];
	cities: City[];
	phone: (r: Rng) => string;
	/** House number before (US) or after (DE) the street name. */
	numberFirst: boolean;
	companies: string[];
}

const digits = (r: Rng, n: number) => r.digits(n);

const PEOPLE: Record<string, CountryPeople> = {
	US: {
		first: ['James', 'Mary', 'Robert', 'Patricia', 'Michael', 'Jennifer', 'David', 'Linda', 'Maria', 'Daniel', 'Ashley', 'Kevin', 'Emily', 'Jose', 'Aaliyah', 'Wei'],
		last: ['Smith', 'Johnson', 'Williams', 'Brown', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', "O'Connor", 'Nguyen', 'Kim', 'Patel', 'Thompson'],
		streets: ['Main St', 'Oak Ave', 'Maple Dr', 'Cedar Ln', 'Pine St', 'Washington Blvd', 'Lakeview Rd', '2nd Ave'],
		cities: [
			{ city: 'Seattle', state: 'WA', postal: () => '98101' },
			{ city: 'Austin', state: 'TX', postal: () => '78704' },
			{ city: 'Columbus', state: 'OH', postal: () => '43215' },
			{ city: 'Brooklyn', state: 'NY', postal: () => '11201-4210' },
			{ city: 'Denver', state: 'CO', postal: () => '80202' },
			{ city: 'San Jose', state: 'CA', postal: () => '95112' },
			{ city: 'Miami', state: 'FL', postal: () => '33130' },
		],
		phone: (r) => `+1 ${r.int(201, 989)}-555-${digits(r, 4)}`,
		numberFirst: true,
		companies: ['Acme Dental LLC', 'Riverbend Public Schools', 'Summit Logistics Inc.', 'Blue Harbor Cafe'],
	},
	CA: {
		first: ['Liam', 'Olivia', 'Noah', 'Emma', 'Étienne', 'Chloé', 'Aiden', 'Sophie'],
		last: ['Tremblay', 'Roy', 'Gagnon', 'Wilson', 'MacDonald', 'Singh', 'Leblanc'],
		streets: ['Rue Sainte-Catherine', 'Yonge St', 'Granville St', 'King St W', 'Jasper Ave'],
		cities: [
			{ city: 'Toronto', state: 'ON', postal: () => 'M5V 2T6' },
			{ city: 'Montréal', state: 'QC', postal: () => 'H3B 1A7' },
			{ city: 'Vancouver', state: 'BC', postal: () => 'V6B 1A1' },
			{ city: 'Edmonton', state: 'AB', postal: () => 'T5J 0N3' },
		],
		phone: (r) => `+1 ${r.pick(['416', '514', '604', '780'])}-555-${digits(r, 4)}`,
		numberFirst: true,
		companies: ['Maple Leaf Clinic Inc.', 'Nord Outfitters Ltée'],
	},
	MX: {
		first: ['José', 'María', 'Juan', 'Guadalupe', 'Luis', 'Fernanda', 'Carlos', 'Ximena'],
		last: ['Hernández', 'García', 'Martínez', 'López', 'González', 'Pérez', 'Ramírez'],
		streets: ['Av. Insurgentes Sur', 'Calle Madero', 'Av. Reforma', 'Calle Hidalgo'],
		cities: [
			{ city: 'Ciudad de México', state: 'CDMX', postal: () => '06600' },
			{ city: 'Guadalajara', state: 'JAL', postal: () => '44100' },
			{ city: 'Monterrey', state: 'NL', postal: () => '64000' },
		],
		phone: (r) => `+52 55 ${digits(r, 4)} ${digits(r, 4)}`,
		numberFirst: false,
		companies: ['Distribuidora del Norte S.A. de C.V.'],
	},
	GB: {
		first: ['Oliver', 'Amelia', 'George', 'Isla', 'Harry', 'Ava', 'Jack', 'Sophie', 'Siobhan', 'Rhys'],
		last: ['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Davies', 'Evans', 'Murphy'],
		streets: ['High Street', 'Station Road', 'Church Lane', 'Victoria Road', 'Park Avenue'],
		cities: [
			{ city: 'London', state: 'Greater London', postal: () => 'SW1A 1AA' },
			{ city: 'Manchester', state: 'Greater Manchester', postal: () => 'M1 2AB' },
			{ city: 'Leeds', state: 'West Yorkshire', postal: () => 'LS1 4DY' },
			{ city: 'Cardiff', state: 'South Glamorgan', postal: () => 'CF10 1EP' },
		],
		phone: (r) => `+44 20 7946 ${digits(r, 4)}`,
		numberFirst: true,
		companies: ['Wilson Electronics Ltd', 'Brightside Dental Practice'],
	},
	DE: {
		first: ['Lukas', 'Anna', 'Jürgen', 'Lea', 'Maximilian', 'Sophie', 'Jonas', 'Marie', 'Özlem'],
		last: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Yılmaz'],
		streets: ['Hauptstraße', 'Schulstraße', 'Bahnhofstraße', 'Gartenweg', 'Lindenallee'],
		cities: [
			{ city: 'Berlin', state: 'Berlin', postal: () => '10115' },
			{ city: 'München', state: 'Bayern', postal: () => '80331' },
			{ city: 'Köln', state: 'Nordrhein-Westfalen', postal: () => '50667' },
			{ city: 'Hamburg', state: 'Hamburg', postal: () => '20095' },
		],
		phone: (r) => `+49 30 ${digits(r, 8)}`,
		numberFirst: false,
		companies: ['Becker & Söhne GmbH', 'Praxis Dr. Weber', 'Nordlicht Logistik AG'],
	},
	FR: {
		first: ['Gabriel', 'Louise', 'Raphaël', 'Jade', 'Léo', 'Emma', 'Hugo', 'Chloé'],
		last: ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Petit', 'Durand', 'Lefèvre'],
		streets: ['Rue de la République', 'Avenue Victor Hugo', 'Rue Pasteur', 'Boulevard Voltaire'],
		cities: [
			{ city: 'Paris', state: 'Île-de-France', postal: () => '75011' },
			{ city: 'Lyon', state: 'Auvergne-Rhône-Alpes', postal: () => '69002' },
			{ city: 'Marseille', state: "Provence-Alpes-Côte d'Azur", postal: () => '13001' },
		],
		phone: (r) => `+33 1 ${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)}`,
		numberFirst: true,
		companies: ['Boulangerie Dubois SARL', 'Cabinet Martin & Associés'],
	},
	IT: {
		first: ['Leonardo', 'Sofia', 'Francesco', 'Giulia', 'Alessandro', 'Aurora', 'Niccolò'],
		last: ['Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi', 'Romano', 'Colombo'],
		streets: ['Via Roma', 'Via Garibaldi', 'Corso Vittorio Emanuele II', 'Via Dante'],
		cities: [
			{ city: 'Milano', state: 'MI', postal: () => '20121' },
			{ city: 'Roma', state: 'RM', postal: () => '00184' },
			{ city: 'Torino', state: 'TO', postal: () => '10121' },
		],
		phone: (r) => `+39 02 ${digits(r, 7)}`,
		numberFirst: false,
		companies: ['Ferrari Arredamenti S.r.l.'],
	},
	ES: {
		first: ['Hugo', 'Lucía', 'Martín', 'Sofía', 'Mateo', 'Martina', 'Álvaro'],
		last: ['García', 'Fernández', 'González', 'Rodríguez', 'López', 'Martínez', 'Sánchez'],
		streets: ['Calle Mayor', 'Gran Vía', 'Calle de Alcalá', 'Avenida Diagonal'],
		cities: [
			{ city: 'Madrid', state: 'Madrid', postal: () => '28013' },
			{ city: 'Barcelona', state: 'Barcelona', postal: () => '08008' },
			{ city: 'Valencia', state: 'Valencia', postal: () => '46002' },
		],
		phone: (r) => `+34 91 ${digits(r, 3)} ${digits(r, 2)} ${digits(r, 2)}`,
		numberFirst: false,
		companies: ['Suministros Levante S.L.'],
	},
	JP: {
		first: ['太郎', '花子', '翔', '陽菜', '蓮', '結衣', 'Hiroshi', 'Yuki'],
		last: ['佐藤', '鈴木', '高橋', '田中', '伊藤', '渡辺', 'Yamamoto', 'Nakamura'],
		streets: ['1-2-3', '4-5-6', '2-14-1', '3-7-12'],
		cities: [
			{ city: '渋谷区', state: '東京都', postal: () => '150-0002' },
			{ city: '大阪市北区', state: '大阪府', postal: () => '530-0001' },
			{ city: '横浜市西区', state: '神奈川県', postal: () => '220-0011' },
			{ city: '札幌市中央区', state: '北海道', postal: () => '060-0001' },
		],
		phone: (r) => `+81 3-${digits(r, 4)}-${digits(r, 4)}`,
		numberFirst: true,
		companies: ['株式会社サクラ商事', '山本工業株式会社'],
	},
};

export interface Person {
	name: string;
	email: string;
	companyName?: string;
	addressLine1: string;
	addressLine2?: string;
	city: string;
	stateOrRegion: string;
	postalCode: string;
	countryCode: string;
	phone: string;
	addressType: 'RESIDENTIAL' | 'COMMERCIAL';
}

/** A deterministic buyer for `seed` in `countryCode`; business buyers get a company and office address. */
export function personFor(seed: number, countryCode: string, business: boolean, marketplaceDomain: string): Person {
	const r = new Rng(seed);
	const p = PEOPLE[countryCode] ?? PEOPLE.US;
	const first = r.pick(p.first);
	const last = r.pick(p.last);
	const name = countryCode === 'JP' ? `${last} ${first}` : `${first} ${last}`;
	const city = r.pick(p.cities);
	const street = r.pick(p.streets);
	const number = String(r.int(1, 250));
	const addressLine1 = countryCode === 'JP' ? street : p.numberFirst ? `${number} ${street}` : `${street} ${number}`;
	const apartment = r.chance(0.3);
	return {
		name,
		// Amazon relays buyer mail through an anonymised marketplace address.
		email: `${r.chars(16, 'abcdefghijklmnopqrstuvwxyz0123456789')}@marketplace.${marketplaceDomain.replace(/^www\./, '')}`,
		companyName: business ? r.pick(p.companies) : undefined,
		addressLine1,
		addressLine2: apartment ? (countryCode === 'DE' ? `Wohnung ${r.int(1, 40)}` : `Apt ${r.int(1, 40)}`) : undefined,
		city: city.city,
		stateOrRegion: city.state,
		postalCode: city.postal(),
		countryCode,
		phone: p.phone(r),
		addressType: business ? 'COMMERCIAL' : 'RESIDENTIAL',
	};
}

