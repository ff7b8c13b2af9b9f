import { describe, expect, it } from 'vitest';
import { nameKeys, customerSearchText } from '../../src/lib/domain/search-keys';
import {
	isNarrowerQuery,
	matchesSearch,
	parseSearchQuery
} from '../../src/lib/domain/search-query';
import {
	filterCustomers,
	filterCustomersFrom,
	type FilterMemo
} from '../../src/lib/domain/customer-list';
import { listRow, seededRandom } from './helpers';
import { phoneDigits } from '../../src/lib/domain/phone';

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

describe('narrowing a search as the user types', () => {
	const q = (text: string) => parseSearchQuery(text);

	it('knows when a query can only match fewer customers', () => {
		expect(isNarrowerQuery(null, q('z'))).toBe(true);
		expect(isNarrowerQuery(q('zh'), q('zha'))).toBe(true);
		expect(isNarrowerQuery(q('zhang'), q('zhang s'))).toBe(true);
		expect(isNarrowerQuery(q('1380'), q('13800'))).toBe(true);
		expect(isNarrowerQuery(q('1380'), q('1380a'))).toBe(true);
		// The fourth digit starts phone matching, which can find customers "138" did not.
		expect(isNarrowerQuery(q('138'), q('1380'))).toBe(false);
		expect(isNarrowerQuery(q('zha'), q('zh'))).toBe(false);
		expect(isNarrowerQuery(q('zha'), q('li'))).toBe(false);
		expect(isNarrowerQuery(q('zha'), null)).toBe(false);
	});

	it('gives the same list as filtering from scratch, keystroke by keystroke', () => {
		const random = seededRandom(3);
		const names = ['张三', '张伟', '李四', 'Anna Lee', 'Zhang Wei', '王小明'];
		const rows = Array.from({ length: 300 }, (_, i) =>
			listRow({
				...row(names[i % names.length]!, `138${String(i * 7919).padStart(8, '0')}`),
				sortName: String(i).padStart(4, '0'),
				tags: i % 3 === 0 ? ['vip'] : []
			})
		);
		// The test means something only if queries find some customers and not others.
		const found = filterCustomers(rows, { query: 'zhang wei', tag: '', stage: '' }).length;
		expect(found).toBeGreaterThan(0);
		expect(found).toBeLessThan(rows.length);
		const typed = ['zhang wei', '1380001', 'zs', 'anna l', '张', '138 0013', 'li'];
		for (const text of typed) {
			let memo: FilterMemo<(typeof rows)[number]> | null = null;
			const tag = random() < 0.5 ? 'vip' : '';
			for (let i = 0; i <= text.length; i++) {
				const filter = { query: text.slice(0, i), tag, stage: '' as const };
				memo = filterCustomersFrom(rows, filter, memo);
				expect(memo.result, `${tag} "${filter.query}"`).toEqual(filterCustomers(rows, filter));
			}
			// Deleting characters (a wider query) starts again from all rows.
			for (let i = text.length; i >= 0; i--) {
				const filter = { query: text.slice(0, i), tag, stage: '' as const };
				memo = filterCustomersFrom(rows, filter, memo);
				expect(memo.result, `back to "${filter.query}"`).toEqual(filterCustomers(rows, filter));
			}
		}
	});
});
