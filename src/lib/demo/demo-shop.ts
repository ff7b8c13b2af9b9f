import { base, en, Faker, zh_CN } from '@faker-js/faker';
import {
	CUSTOMER_SOURCES,
	emptyCustomerFields,
	type CustomerFields,
	type LifecycleStage
} from '../domain/customer';
import type { InteractionFields, PurchaseFields, TaskFields } from '../domain/activity';
import { addDays, localDateKey } from '../domain/dates';
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

const DAY_MS = 86_400_000;

/** The demo shop's catalogue: name and price in cents. */
export const DEMO_PRODUCTS: [string, number][] = [
	['乌龙茶', 12_800],
	['西湖龙井', 26_800],
	['普洱茶饼', 35_800],
	['红茶礼盒', 19_800],
	['茶具套装', 45_800],
	['茉莉花茶', 6_800],
	['Jasmine green tea', 8_800],
	['Tea sampler', 15_000]
];

const SUMMARIES = [
	'问新到的秋茶价格',
	'咨询送礼包装',
	'Asked about the autumn harvest',
	'回访：上次买的茶喝得怎么样',
	'Wants a reminder when pu-erh is back',
	'反馈茶具有轻微破损，已安排更换'
];

export interface DemoActivity {
	purchases: PurchaseFields[];
	interactions: InteractionFields[];
	tasks: TaskFields[];
}

/** A year of purchases, conversations and follow-ups that fits each customer's stage. */
export function demoActivity(
	customers: readonly { id: string; stage: LifecycleStage }[],
	now = Date.now(),
	seed = 20261124
): DemoActivity {
	const faker = new Faker({ locale: [zh_CN, en, base], seed });
	const purchases: PurchaseFields[] = [];
	const interactions: InteractionFields[] = [];
	const tasks: TaskFields[] = [];
	// During shop hours (10:00–19:59) on the day `daysAgo` days before now.
	const moment = (daysAgo: number) => {
		const day = new Date(now - daysAgo * DAY_MS);
		day.setHours(
			faker.number.int({ min: 10, max: 19 }),
			faker.number.int({ min: 0, max: 59 }),
			0,
			0
		);
		return Math.min(day.getTime(), now);
	};
	const todayKey = localDateKey(now);

	for (const { id, stage } of customers) {
		const plan: Record<
			LifecycleStage,
			{ count: [number, number]; lastDaysAgo: [number, number]; every: [number, number] }
		> = {
			lead: { count: [0, 0], lastDaysAgo: [0, 0], every: [0, 0] },
			prospect: { count: [0, 0], lastDaysAgo: [0, 0], every: [0, 0] },
			new: { count: [1, 1], lastDaysAgo: [3, 60], every: [0, 0] },
			active: { count: [2, 7], lastDaysAgo: [2, 30], every: [25, 50] },
			vip: { count: [8, 14], lastDaysAgo: [1, 20], every: [15, 28] },
			at_risk: { count: [3, 6], lastDaysAgo: [90, 150], every: [20, 35] },
			lost: { count: [1, 3], lastDaysAgo: [380, 420], every: [20, 40] }
		};
		const { count, lastDaysAgo, every } = plan[stage];
		const purchaseCount = faker.number.int({ min: count[0], max: count[1] });
		let daysAgo = faker.number.int({ min: lastDaysAgo[0], max: lastDaysAgo[1] });
		for (let i = 0; i < purchaseCount; i++) {
			const lineCount = stage === 'vip' ? faker.number.int({ min: 1, max: 3 }) : 1;
			const lines = faker.helpers
				.arrayElements(DEMO_PRODUCTS, lineCount)
				.map(([product, price]) => ({
					product,
					quantity: faker.number.int({ min: 1, max: stage === 'vip' ? 4 : 2 }),
					unitPriceCents: price
				}));
			purchases.push({
				customerId: id,
				at: moment(daysAgo),
				lines,
				discountCents: faker.number.float() < 0.15 ? 1_000 : 0,
				payment: faker.helpers.arrayElement([
					'wechat_pay',
					'wechat_pay',
					'alipay',
					'cash',
					'card'
				] as const),
				channel: faker.helpers.arrayElement(['in_store', 'in_store', 'online', 'phone'] as const),
				note: ''
			});
			daysAgo += faker.number.int({ min: every[0] || 1, max: every[1] || 1 });
		}

		const contactCount = faker.number.int({ min: stage === 'lead' ? 1 : 0, max: 3 });
		for (let i = 0; i < contactCount; i++) {
			interactions.push({
				customerId: id,
				at: moment(faker.number.int({ min: 1, max: 300 })),
				kind: faker.helpers.arrayElement(['call', 'wechat', 'visit', 'enquiry', 'sms'] as const),
				direction: faker.helpers.arrayElement(['in', 'out'] as const),
				summary: faker.helpers.arrayElement(SUMMARIES),
				outcome: '',
				nextStep: '',
				followUpDate: '',
				products: []
			});
		}

		const roll = faker.number.float();
		if (roll < 0.12) {
			tasks.push({
				customerId: id,
				title: faker.helpers.arrayElement([
					'回访新茶体验',
					'Send autumn price list',
					'确认礼盒订单'
				]),
				due: addDays(todayKey, faker.number.int({ min: -3, max: 5 })),
				dueTime: '',
				repeatAfterPurchaseDays: 0
			});
		} else if (roll < 0.2 && purchaseCount > 0) {
			tasks.push({
				customerId: id,
				title: '回访',
				due: addDays(todayKey, faker.number.int({ min: 1, max: 30 })),
				dueTime: '',
				repeatAfterPurchaseDays: 30
			});
		}
	}
	return { purchases, interactions, tasks };
}
