import { readLunarBirthday } from '../customers/rules/lunar-birthday';
import vCard from 'vcf';
import { tableFromRows, type ImportTable } from './table';

/**
 * Contact cards from Android and iPhone exports (vCard 2.1, 3.0 and 4.0). The `vcf` library
 * splits cards, unfolds lines and reads parameters; what it leaves to us is vCard 2.1's
 * quoted-printable encoding with a CHARSET, whose soft line breaks must be joined before the
 * library sees the lines, and 3.0/4.0 backslash escapes.
 */

/** The columns a card becomes; they carry the import's own English labels, so mapping is exact. */
export const VCARD_HEADERS = [
	'Name',
	'Phone',
	'Other phones',
	'Email',
	'Other emails',
	'WeChat ID',
	'Birthday',
	'Birthday calendar',
	'Street address',
	'City',
	'Province',
	'Company',
	'Occupation',
	'Notes',
	'Tags'
] as const;

const QP_PROPERTY = /^[^:]*;(ENCODING=)?QUOTED-PRINTABLE[;:]/i;

/** Joins a quoted-printable value's soft line breaks ("=" at the end of a line). */
function joinSoftLineBreaks(text: string): string {
	const lines = text.split(/\r\n|\n|\r/);
	const out: string[] = [];
	let continuing = false;
	for (const line of lines) {
		if (continuing) out[out.length - 1] = out[out.length - 1]!.slice(0, -1) + line.trimStart();
		else out.push(line);
		const current = out[out.length - 1]!;
		continuing = (continuing || QP_PROPERTY.test(current)) && current.endsWith('=');
	}
	return out.join('\r\n');
}

function decodeQuotedPrintable(value: string, charset: string): string {
	const bytes: number[] = [];
	for (let i = 0; i < value.length; i++) {
		const hex = value.slice(i + 1, i + 3);
		if (value[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
			bytes.push(parseInt(hex, 16));
			i += 2;
		} else {
			bytes.push(...new TextEncoder().encode(value[i]!));
		}
	}
	let decoder: TextDecoder;
	try {
		decoder = new TextDecoder(charset || 'utf-8');
	} catch {
		decoder = new TextDecoder('utf-8');
	}
	return decoder.decode(new Uint8Array(bytes));
}

function unescape(value: string): string {
	return value.replace(/\\([\\,;nN])/g, (_, char: string) =>
		char === 'n' || char === 'N' ? '\n' : char
	);
}

type Property = vCard.Property & { encoding?: string; charset?: string; type?: string | string[] };

/** A property's value split at unescaped semicolons, each part decoded. */
function parts(property: Property): string[] {
	const raw = String(property.valueOf() ?? '');
	const pieces = raw.split(/(?<!\\);/);
	const quotedPrintable = /quoted-printable/i.test(property.encoding ?? '');
	return pieces.map((piece) =>
		unescape(quotedPrintable ? decodeQuotedPrintable(piece, property.charset ?? '') : piece).trim()
	);
}

function all(card: vCard, key: string): Property[] {
	const value = card.data[key];
	if (!value) return [];
	return (Array.isArray(value) ? value : [value]) as Property[];
}

function types(property: Property): string[] {
	const type = property.type;
	return (Array.isArray(type) ? type : type ? [type] : []).map((t) => t.toLowerCase());
}

/** Preferred (PREF, then mobile) first, so the main phone is the one people call. */
function ordered(properties: Property[]): string[] {
	const rank = (p: Property) => {
		const t = types(p);
		return t.includes('pref') ? 0 : t.includes('cell') ? 1 : 2;
	};
	return [...properties]
		.sort((a, b) => rank(a) - rank(b))
		.map((p) => parts(p).join(' ').trim())
		.filter(Boolean);
}

/** Our own export's lunar birthday (X-LUNAR-BIRTHDAY, as stored: lunar year, month, day). */
function lunarBirthday(card: vCard): string {
	const [value] = all(card, 'xLunarBirthday').map((p) => parts(p).join(''));
	// One that cannot be read leaves BDAY (if any) to stand.
	return value ? (readLunarBirthday(value) ?? '') : '';
}

function birthday(card: vCard): string {
	const lunar = lunarBirthday(card);
	if (lunar) return lunar;
	const [value] = all(card, 'bday').map((p) => parts(p).join(''));
	if (!value) return '';
	// 19850308, 1985-03-08, 1985-03-08T00:00:00Z, --0308 (no year: nothing we can store).
	const compact = /^(\d{4})-?(\d{2})-?(\d{2})/.exec(value);
	return compact ? `${compact[1]}-${compact[2]}-${compact[3]}` : value;
}

function cardRow(card: vCard): string[] {
	const [formatted] = all(card, 'fn').map((p) => parts(p).join(' ').trim());
	const [structured] = all(card, 'n').map(parts);
	const family = structured?.[0] ?? '';
	const given = structured?.[1] ?? '';
	const hasHan = /\p{Script=Han}/u.test(family + given);
	const fromParts = hasHan ? `${family}${given}` : [given, family].filter(Boolean).join(' ');
	const name = formatted || fromParts || all(card, 'org').map((p) => parts(p)[0] ?? '')[0] || '';
	const phones = ordered(all(card, 'tel'));
	const emails = ordered(all(card, 'email'));
	const [adr] = all(card, 'adr').map(parts);
	const [org] = all(card, 'org').map(parts);
	const title = all(card, 'title').map((p) => parts(p).join(' '))[0] ?? '';
	const notes = all(card, 'note').map((p) => parts(p).join(';'));
	const tags = all(card, 'categories').flatMap((p) =>
		String(p.valueOf() ?? '')
			.split(/(?<!\\),/)
			.map((tag) => unescape(tag).trim())
	);
	return [
		name,
		phones[0] ?? '',
		phones.slice(1).join(', '),
		emails[0] ?? '',
		emails.slice(1).join(', '),
		// Our own export writes the WeChat ID as X-WECHAT.
		all(card, 'xWechat').map((p) => parts(p).join(''))[0] ?? '',
		birthday(card),
		lunarBirthday(card) ? 'lunar' : '',
		// ADR: post box; extended; street; locality; region; postal code; country.
		[adr?.[0], adr?.[1], adr?.[2]].filter(Boolean).join(' '),
		adr?.[3] ?? '',
		adr?.[4] ?? '',
		org?.[0] ?? '',
		title,
		notes.join('\n'),
		tags.filter(Boolean).join(', ')
	];
}

export function readVCards(text: string): ImportTable {
	const cards = vCard.parse(joinSoftLineBreaks(text));
	const table = tableFromRows([[...VCARD_HEADERS], ...cards.map(cardRow)]);
	return {
		...table,
		unit: 'card',
		rows: table.rows.map((row) => ({ ...row, line: row.line - 1 }))
	};
}
