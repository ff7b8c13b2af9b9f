import { splitList, type CustomerFields } from '../../customers/rules/customer';
import { phoneDigits } from '../../customers/rules/phone';

/** What duplicate detection looks at in a customer. */
export type DuplicateCandidate = { id: string } & Pick<
	CustomerFields,
	'name' | 'phone' | 'otherPhones' | 'email' | 'otherEmails' | 'wechat'
>;

export type DuplicateReason = 'phone' | 'email' | 'wechat' | 'nameAndPhone' | 'name' | 'pinyin';

/** How sure each reason makes us, out of 100. */
export const REASON_SCORE: Record<DuplicateReason, number> = {
	phone: 95,
	email: 90,
	wechat: 90,
	nameAndPhone: 80,
	name: 60,
	pinyin: 45
};

export function candidatePhones(c: Pick<DuplicateCandidate, 'phone' | 'otherPhones'>): string[] {
	return [c.phone, ...splitList(c.otherPhones)]
		.map(phoneDigits)
		.filter((digits) => digits.length >= 5);
}

export function candidateEmails(c: Pick<DuplicateCandidate, 'email' | 'otherEmails'>): string[] {
	return [c.email, ...splitList(c.otherEmails)]
		.map((email) => email.trim().toLowerCase())
		.filter(Boolean);
}

/** A name compared without case, spaces or punctuation: "Anna  Li" = "anna li" = "Anna-Li". */
export function nameKey(name: string): string {
	return name.toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '');
}

/**
 * Two numbers that are probably the same phone typed differently: one digit different, or the
 * same last 8 digits (an area code or country code written or left out).
 */
export function similarPhones(a: string, b: string): boolean {
	if (a === b) return true;
	if (a.length >= 8 && b.length >= 8 && a.slice(-8) === b.slice(-8)) return true;
	if (a.length !== b.length) return false;
	let differences = 0;
	for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && ++differences > 1) return false;
	return true;
}

export interface CandidateMatch {
	id: string;
	reason: Extract<DuplicateReason, 'phone' | 'email' | 'nameAndPhone'>;
}

/**
 * Finds the existing customer an incoming one probably is: the same phone or email, or the
 * same name with a similar phone.
 */
export class MatchIndex {
	readonly #byPhone = new Map<string, string>();
	readonly #byEmail = new Map<string, string>();
	readonly #byName = new Map<string, DuplicateCandidate[]>();

	constructor(candidates: Iterable<DuplicateCandidate> = []) {
		for (const candidate of candidates) this.add(candidate);
	}

	add(candidate: DuplicateCandidate): void {
		for (const phone of candidatePhones(candidate)) {
			if (!this.#byPhone.has(phone)) this.#byPhone.set(phone, candidate.id);
		}
		for (const email of candidateEmails(candidate)) {
			if (!this.#byEmail.has(email)) this.#byEmail.set(email, candidate.id);
		}
		const key = nameKey(candidate.name);
		if (key) this.#byName.set(key, [...(this.#byName.get(key) ?? []), candidate]);
	}

	match(incoming: Omit<DuplicateCandidate, 'id'>): CandidateMatch | null {
		const phones = candidatePhones(incoming);
		for (const phone of phones) {
			const id = this.#byPhone.get(phone);
			if (id) return { id, reason: 'phone' };
		}
		for (const email of candidateEmails(incoming)) {
			const id = this.#byEmail.get(email);
			if (id) return { id, reason: 'email' };
		}
		for (const candidate of this.#byName.get(nameKey(incoming.name)) ?? []) {
			const theirs = candidatePhones(candidate);
			if (phones.some((mine) => theirs.some((their) => similarPhones(mine, their)))) {
				return { id: candidate.id, reason: 'nameAndPhone' };
			}
		}
		return null;
	}
}

export interface DuplicateGroup {
	/** Customer ids, in the order they were given (so the first is the oldest when sorted so). */
	ids: string[];
	reasons: DuplicateReason[];
	score: number;
}

class UnionFind {
	readonly #parent = new Map<string, string>();
	find(id: string): string {
		let root = id;
		while (this.#parent.has(root) && this.#parent.get(root) !== root)
			root = this.#parent.get(root)!;
		this.#parent.set(id, root);
		return root;
	}
	union(a: string, b: string): void {
		const [ra, rb] = [this.find(a), this.find(b)];
		if (ra !== rb) this.#parent.set(rb, ra);
	}
}

/**
 * Groups customers that are probably the same person, by the same phone, email or WeChat ID,
 * the same name, or the same pinyin (张三 / 章三 / Zhang San). Linear in the number of
 * customers: each key is a bucket, and customers sharing a bucket are joined.
 * `pinyinOf` gives a name's toneless pinyin ("" when it has none).
 */
export function findDuplicateGroups(
	candidates: DuplicateCandidate[],
	pinyinOf: (name: string) => string
): DuplicateGroup[] {
	const buckets = new Map<string, { reason: DuplicateReason; ids: string[] }>();
	const put = (reason: DuplicateReason, key: string, id: string) => {
		if (!key) return;
		const bucketKey = `${reason}\u0000${key}`;
		const bucket = buckets.get(bucketKey);
		if (!bucket) buckets.set(bucketKey, { reason, ids: [id] });
		else if (!bucket.ids.includes(id)) bucket.ids.push(id);
	};
	for (const c of candidates) {
		for (const phone of candidatePhones(c)) put('phone', phone, c.id);
		for (const email of candidateEmails(c)) put('email', email, c.id);
		put('wechat', c.wechat.trim().toLowerCase(), c.id);
		const key = nameKey(c.name);
		put('name', key, c.id);
		const latin = /^[a-z]+$/.test(key) ? key : '';
		put('pinyin', pinyinOf(c.name) || latin, c.id);
	}
	const links = new UnionFind();
	const reasonsByPair: { ids: string[]; reason: DuplicateReason }[] = [];
	for (const bucket of buckets.values()) {
		if (bucket.ids.length < 2) continue;
		for (const id of bucket.ids.slice(1)) links.union(bucket.ids[0]!, id);
		reasonsByPair.push(bucket);
	}
	const groups = new Map<string, { ids: Set<string>; reasons: Set<DuplicateReason> }>();
	for (const { ids, reason } of reasonsByPair) {
		const root = links.find(ids[0]!);
		const group = groups.get(root) ?? { ids: new Set(), reasons: new Set() };
		ids.forEach((id) => group.ids.add(id));
		group.reasons.add(reason);
		groups.set(root, group);
	}
	const order = new Map(candidates.map((c, i) => [c.id, i]));
	return [...groups.values()]
		.map(({ ids, reasons }) => {
			// Same pinyin is implied by the same name; say only the stronger reason.
			if (reasons.has('name')) reasons.delete('pinyin');
			const list = [...reasons].sort((a, b) => REASON_SCORE[b] - REASON_SCORE[a]);
			const score = Math.min(100, REASON_SCORE[list[0]!] + 5 * (list.length - 1));
			return {
				ids: [...ids].sort((a, b) => order.get(a)! - order.get(b)!),
				reasons: list,
				score
			};
		})
		.sort((a, b) => b.score - a.score);
}
