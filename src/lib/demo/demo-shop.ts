import { base, en, Faker, zh_CN } from '@faker-js/faker';
import {
	CUSTOMER_SOURCES,
	emptyCustomerFields,
	type CustomerFields,
	type LifecycleStage
} from '../domain/customer';
import { DEMO_CUSTOMER_COUNT } from './demo-size';

export { DEMO_CUSTOMER_COUNT };

const TAGS = [
	'VIP',
	'老客户',
	'会员',
	'tea lover',
	'喜欢红茶',
	'wholesale',
	'生日礼',
	'referral',
	'团购'
];
const NOTES_ZH = [
	'喜欢乌龙茶，每月来一次。',
	'对价格敏感，关注促销。',
	'送礼需求多，节前联系。',
	'偏好线上下单，周末取货。'
];
const NOTES_EN = [
	'Prefers oolong, visits monthly.',
	'Buys gifts before holidays.',
	'Asks about new arrivals.',
	'Likes WeChat reminders.'
];
const PLACES = [
	['广东省', '深圳市', '南山区'],
	['浙江省', '杭州市', '西湖区'],
	['上海市', '上海市', '徐汇区'],
	['北京市', '北京市', '朝阳区'],
	['四川省', '成都市', '锦江区'],
	['福建省', '厦门市', '思明区']
] as const;
const STAGE_WEIGHTS: [LifecycleStage, number][] = [
	['lead', 10],
	['prospect', 12],
	['new', 18],
	['active', 35],
	['vip', 10],
	['at_risk', 8],
	['lost', 7]
];

function weighted<T>(faker: Faker, weights: [T, number][]): T {
	return faker.helpers.weightedArrayElement(weights.map(([value, weight]) => ({ value, weight })));
}

/** A realistic made-up shop: mostly Chinese customers, some English, reproducible per seed. */
export function demoCustomers(count = DEMO_CUSTOMER_COUNT, seed = 20261123): CustomerFields[] {
	const zh = new Faker({ locale: [zh_CN, en, base], seed });
	const english = new Faker({ locale: [en, base], seed: seed + 1 });
	const customers: CustomerFields[] = [];
	for (let i = 0; i < count; i++) {
		const chinese = zh.number.float() < 0.7;
		const faker = chinese ? zh : english;
		const gender = zh.helpers.arrayElement(['female', 'male'] as const);
		const name = chinese
			? `${faker.person.lastName()}${faker.person.firstName(gender)}`
			: faker.person.fullName({ sex: gender });
		const mobile = `1${zh.helpers.arrayElement(['38', '39', '50', '58', '86', '88', '77'])}${zh.string.numeric(8)}`;
		const place = zh.helpers.arrayElement(PLACES);
		const stage = weighted(zh, STAGE_WEIGHTS);
		customers.push({
			...emptyCustomerFields(),
			name,
			phone:
				zh.number.float() < 0.5
					? `${mobile.slice(0, 3)} ${mobile.slice(3, 7)} ${mobile.slice(7)}`
					: mobile,
			email: zh.number.float() < 0.45 ? english.internet.email().toLowerCase() : '',
			wechat:
				zh.number.float() < 0.6
					? `wx_${english.internet
							.username()
							.toLowerCase()
							.replace(/[^a-z0-9_]/g, '')}`
					: '',
			gender: zh.number.float() < 0.85 ? gender : '',
			birthday:
				zh.number.float() < 0.6
					? zh.date.birthdate({ mode: 'age', min: 18, max: 75 }).toISOString().slice(0, 10)
					: '',
			province: place[0],
			city: place[1],
			district: place[2],
			street: chinese ? `${zh.location.street()}${zh.number.int({ min: 1, max: 300 })}号` : '',
			company: zh.number.float() < 0.3 ? faker.company.name().slice(0, 60) : '',
			occupation: zh.number.float() < 0.4 ? english.person.jobTitle() : '',
			tags: zh.helpers.arrayElements(TAGS, { min: 0, max: 3 }),
			stage,
			source: zh.helpers.arrayElement(CUSTOMER_SOURCES),
			notes: zh.number.float() < 0.4 ? zh.helpers.arrayElement(chinese ? NOTES_ZH : NOTES_EN) : ''
		});
	}
	return customers;
}
