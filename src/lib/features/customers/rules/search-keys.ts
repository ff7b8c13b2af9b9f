import { pinyin } from 'pinyin-pro';
/** Separates fields in the search text so a query never matches across two fields. */
export const FIELD_SEPARATOR = '\u0001';

const HAN = /\p{Script=Han}/u;

export interface NameKeys {
	/** Full pinyin without spaces or tones, lower case: 张三 → "zhangsan". Empty for non-Chinese names. */
	pinyinFull: string;
	/** First letter of every syllable or word: 张三 → "zs", John Smith → "js". */
	initials: string;
	/** A key that sorts Chinese names by pinyin among Latin names. */
	sortKey: string;
}

export function nameKeys(name: string): NameKeys {
	const lower = name.trim().toLowerCase();
	const words = lower.split(/\s+/).filter(Boolean);
	const syllables: string[] = [];
	const sortParts: string[] = [];
	for (const word of words) {
		if (HAN.test(word)) {
			// `surname: 'head'` reads the first character as a surname (单 → shan, 曾 → zeng).
			const parts = pinyin(word, {
				toneType: 'none',
				type: 'array',
				nonZh: 'consecutive',
				surname: 'head'
			})
				.map((part) => part.trim().toLowerCase())
				.filter(Boolean);
			syllables.push(...parts);
			sortParts.push(parts.join(''));
		} else {
			syllables.push(word);
			sortParts.push(word);
		}
	}
	const hasHan = HAN.test(lower);
	return {
		pinyinFull: hasHan ? syllables.join('') : '',
		initials: syllables.map((syllable) => syllable[0] ?? '').join(''),
		sortKey: `${sortParts.join(' ')}${FIELD_SEPARATOR}${lower}`
	};
}

export interface SearchableCustomer {
	name: string;
	phone: string;
	email: string;
	otherEmails: string;
	wechat: string;
	company: string;
	notes: string;
}

/** One lower-case string holding everything a search may match, fields kept apart. */
export function customerSearchText(
	customer: SearchableCustomer,
	keys = nameKeys(customer.name)
): string {
	return [
		customer.name.trim().toLowerCase(),
		keys.pinyinFull,
		keys.initials,
		customer.email.toLowerCase(),
		customer.otherEmails.toLowerCase(),
		customer.wechat.toLowerCase(),
		customer.company.toLowerCase(),
		customer.notes.toLowerCase()
	].join(FIELD_SEPARATOR);
}
