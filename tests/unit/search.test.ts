import { describe, expect, it } from 'vitest';
import { nameKeys, customerSearchText } from '../../src/lib/domain/search-keys';
import { matchesSearch, parseSearchQuery } from '../../src/lib/domain/search-query';
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
