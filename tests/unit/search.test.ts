import { describe, expect, it } from 'vitest';
import { nameKeys, customerSearchText } from '../../src/lib/features/customers/rules/search-keys';
import {
	matchesSearch,
	parseSearchQuery
} from '../../src/lib/features/customers/rules/search-query';
import { filterCustomers } from '../../src/lib/features/customers/rules/customer-list';
import { narrows, SearchIndex } from '../../src/lib/features/customers/rules/search-index';
import { listRow, seededRandom } from './helpers';
import { phoneDigits } from '../../src/lib/features/customers/rules/phone';

function row(
	name: string,
	phone = '',
	extra: Partial<{ email: string; company: string; notes: string }> = {}
) {
	const fields = {
		name,
		phone,
		email: '',
		otherEmails: '',
		wechat: '',
		company: '',
		notes: '',
		...extra
	};
	return { searchText: customerSearchText(fields), phoneDigits: phoneDigits(phone) };
}

function finds(query: string, target: ReturnType<typeof row>): boolean {
	const parsed = parseSearchQuery(query);
	if (!parsed) throw new Error('empty query');
	return matchesSearch(target, parsed);
}

describe('nameKeys', () => {
	it('derives full pinyin and initials, reading the first character as a surname', () => {
		expect(nameKeys('张三')).toMatchObject({ pinyinFull: 'zhangsan', initials: 'zs' });
		expect(nameKeys('曾小贤')).toMatchObject({ pinyinFull: 'zengxiaoxian', initials: 'zxx' });
		expect(nameKeys('John Smith')).toMatchObject({ pinyinFull: '', initials: 'js' });
	});
	it('sorts Chinese names among Latin ones by pinyin', () => {
		const names = ['张三', 'Anna Lee', '李四', 'Zoe'];
		const sorted = [...names].sort((a, b) =>
			nameKeys(a).sortKey.localeCompare(nameKeys(b).sortKey)
		);
		expect(sorted).toEqual(['Anna Lee', '李四', '张三', 'Zoe']);
	});
});

describe('search', () => {
	const zhangSan = row('张三', '138 0013 8000', { email: 'zs@example.com', company: '茶叶铺' });

	it.each(['张', '张三', 'zhangsan', 'zhang san', 'Zhang San', 'zs', 'ZS', 'zhang'])(
		'finds 张三 by %s',
		(query) => expect(finds(query, zhangSan)).toBe(true)
	);

	it.each(['0013', '138 0013 8000', '138-0013', '+86 138 0013 8000', '13800138000', '8000'])(
		'finds the phone 138 0013 8000 by %s',
		(query) => expect(finds(query, zhangSan)).toBe(true)
	);

	it('matches email, company and notes', () => {
		expect(finds('example.com', zhangSan)).toBe(true);
		expect(finds('茶叶', zhangSan)).toBe(true);
		expect(finds('oolong', row('Li Wei', '', { notes: 'Likes oolong' }))).toBe(true);
	});

	it('does not match what is not there', () => {
		expect(finds('lisi', zhangSan)).toBe(false);
		expect(finds('9999', zhangSan)).toBe(false);
		expect(finds('zhang wu', zhangSan)).toBe(false);
	});

	it('never matches across two fields', () => {
		// name "ab" followed by email "cd…" must not match "bc"
		expect(finds('bc', row('ab', '', { email: 'cd@example.com' }))).toBe(false);
	});

	it('treats an empty query as no filter', () => {
		expect(parseSearchQuery('   ')).toBeNull();
	});
});

describe('the search index', () => {
	const names = ['张三', '张伟', '李四', 'Anna Lee', 'Zhang Wei', '王小明', 'Li\nNa'];
	const rows = Array.from({ length: 300 }, (_, i) =>
		listRow({
			...row(names[i % names.length]!, `138${String(i * 7919).padStart(8, '0')}`, {
				company: i % 5 === 0 ? 'Tea\nHouse' : ''
			}),
			sortName: String(i).padStart(4, '0'),
			tags: i % 3 === 0 ? ['vip'] : []
		})
	);
	const index = new SearchIndex(rows);

	it('finds exactly the customers a row-by-row search finds, in the same order', () => {
		const random = seededRandom(3);
		// The test means something only if queries find some customers and not others.
		const found = filterCustomers(rows, { query: 'zhang wei', tag: '', stage: '' }).length;
		expect(found).toBeGreaterThan(0);
		expect(found).toBeLessThan(rows.length);
		const typed = ['zhang wei', '1380001', 'zs', 'anna l', '张', '138 0013', 'li', 'wei zhang'];
		// Random fragments too, some spanning where one customer's text meets the next one's.
		const joined = rows.map((r) => r.searchText).join('');
		for (let i = 0; i < 40; i++) {
			const at = Math.floor(random() * joined.length);
			typed.push(joined.slice(at, at + 1 + Math.floor(random() * 4)));
		}
		for (const text of typed) {
			for (let i = 1; i <= text.length; i++) {
				const query = parseSearchQuery(text.slice(0, i));
				if (!query) continue;
				const expected = rows.filter((r) => matchesSearch(r, query));
				expect(index.matching(query), `"${text.slice(0, i)}"`).toEqual(expected);
			}
		}
	});

	it('is what the list filters through, with every other condition still applied', () => {
		for (const query of ['zhang', '1380', 'li', 'zzz']) {
			for (const tag of ['', 'vip']) {
				const filter = { query, tag, stage: '' as const };
				const withIndex = filterCustomers(rows, filter, () => index);
				expect(withIndex, `${tag} "${query}"`).toEqual(filterCustomers(rows, filter));
			}
		}
		// Without a query the index is never built.
		const never = () => {
			throw new Error('built for no query');
		};
		expect(filterCustomers(rows, { query: ' ', tag: 'vip', stage: '' }, never)).toHaveLength(100);
	});

	it('finds nothing in an empty list', () => {
		expect(new SearchIndex([]).matching(parseSearchQuery('a')!)).toEqual([]);
	});

	it('narrows only when every match of the new query is a match of the old one', () => {
		const q = (text: string) => parseSearchQuery(text)!;
		expect(narrows(q('zh'), q('zha'))).toBe(true);
		expect(narrows(q('zha'), q('zha w'))).toBe(true);
		expect(narrows(q('wei'), q('zhang wei'))).toBe(true);
		expect(narrows(q('1380'), q('13800'))).toBe(true);
		// Backspace widens; the fourth digit adds the phone numbers that hold it.
		expect(narrows(q('zha'), q('zh'))).toBe(false);
		expect(narrows(q('138'), q('1380'))).toBe(false);
		expect(narrows(q('1380'), q('2380'))).toBe(false);
		expect(narrows(q('zhang wei'), q('zhang'))).toBe(false);
	});

	it('answers typing, backspace and retyping exactly as a row-by-row search does', () => {
		const random = seededRandom(11);
		const people = ['张三', '张伟', '张小伟', '李四', '黎文昊', 'Anna Lee', 'Zhang Wei', 'Wang Li'];
		const many = Array.from({ length: 2000 }, (_, i) =>
			listRow({
				...row(people[i % people.length]!, `1${String(3_800_000_000 + i * 7919)}`, {
					email: i % 4 === 0 ? `shop${i}@tea.cn` : '',
					notes: i % 7 === 0 ? '老客户 likes oolong' : ''
				}),
				sortName: String(i).padStart(5, '0')
			})
		);
		const targets = [
			'张伟',
			'zw',
			'zhangwei',
			'zhang wei',
			'1380',
			'138 0013 4',
			'anna l',
			'黎w',
			'wang li',
			'shop1',
			'老客户 oolong',
			'zzqx'
		];
		let narrowed = 0;
		for (let run = 0; run < 30; run++) {
			const index = new SearchIndex(many);
			let text = '';
			let previous: ReturnType<typeof parseSearchQuery> = null;
			for (let step = 0; step < 25; step++) {
				const target = targets[Math.floor(random() * targets.length)]!;
				const roll = random();
				if (roll < 0.2 && text.length > 0) text = text.slice(0, -1);
				else if (roll < 0.25) text = '';
				else if (target.startsWith(text)) text = target.slice(0, text.length + 1);
				else text += target[Math.floor(random() * target.length)];
				const query = parseSearchQuery(text);
				if (!query) continue;
				if (previous && narrows(previous, query)) narrowed++;
				previous = query;
				const expected = many.filter((r) => matchesSearch(r, query));
				expect(index.matching(query), `"${text}"`).toEqual(expected);
			}
		}
		// The narrowing path was taken often enough for the comparison to speak for it.
		expect(narrowed).toBeGreaterThan(100);
	});
});
