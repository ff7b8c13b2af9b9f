import { describe, expect, it } from 'vitest';
import {
	findDuplicateGroups,
	similarPhones,
	type DuplicateCandidate
} from '../../src/lib/features/duplicates/rules/duplicates';
import { nameKeys } from '../../src/lib/features/customers/rules/search-keys';

const person = (id: string, fields: Partial<DuplicateCandidate>): DuplicateCandidate => ({
	id,
	name: '',
	phone: '',
	otherPhones: '',
	email: '',
	otherEmails: '',
	wechat: '',
	...fields
});
const pinyinOf = (name: string) => nameKeys(name).pinyinFull;

describe('duplicate groups', () => {
	it('groups by phone in any form, email, WeChat, name and pinyin, strongest reason first', () => {
		const groups = findDuplicateGroups(
			[
				person('a', { name: '王秀英', phone: '138 0013 8001' }),
				person('b', { name: 'Wang Xiuying', phone: '+86 13800138001' }),
				person('c', { name: 'Anna', email: 'anna@example.com' }),
				person('d', { name: 'Anna Li', otherEmails: 'x@example.com, ANNA@example.com' }),
				person('e', { name: 'Bob', wechat: 'bob_wx' }),
				person('f', { name: 'Robert', wechat: 'BOB_WX' }),
				person('g', { name: '张三' }),
				person('h', { name: '章三' }),
				person('i', { name: 'Zhang San' }),
				person('j', { name: 'Alone', phone: '13900000000' })
			],
			pinyinOf
		);
		expect(groups.map((g) => [g.ids, g.reasons, g.score])).toEqual([
			[['a', 'b'], ['phone', 'pinyin'], 100],
			[['c', 'd'], ['email'], 90],
			[['e', 'f'], ['wechat'], 90],
			[['g', 'h', 'i'], ['pinyin'], 45]
		]);
	});

	it('scores several reasons above one, and says "name" rather than also "pinyin"', () => {
		const [group] = findDuplicateGroups(
			[
				person('a', { name: '李娜', phone: '13800138001' }),
				person('b', { name: '李娜', phone: '13800138001' })
			],
			pinyinOf
		);
		expect(group).toEqual({ ids: ['a', 'b'], reasons: ['phone', 'name'], score: 100 });
	});

	it('leaves people with nothing in common alone', () => {
		expect(
			findDuplicateGroups([person('a', { name: 'A' }), person('b', { name: 'B' })], pinyinOf)
		).toEqual([]);
	});
});

describe('similar phones', () => {
	it('accepts one wrong digit or a missing area code, and nothing looser', () => {
		expect(similarPhones('13800138001', '13800138002')).toBe(true);
		expect(similarPhones('02162345678', '62345678')).toBe(true);
		expect(similarPhones('13800138001', '13800138022')).toBe(false);
		expect(similarPhones('1234567', '7654321')).toBe(false);
	});
});
