import { base, en, Faker, zh_CN } from '@faker-js/faker';
import {
	CUSTOMER_SOURCES,
	emptyCustomerFields,
	type CustomerFields,
	type LifecycleStage
} from '../customers/rules/customer';
import type { InteractionFields, PurchaseFields, TaskFields } from '../activity/rules/activity';
import { addDays, localDateKey } from '../../domain/dates';
import { nameKeys } from '../customers/rules/search-keys';
import { DEMO_CUSTOMER_COUNT, type DemoLanguage } from './demo-size';

export { DEMO_CUSTOMER_COUNT, type DemoLanguage };

/**
 * The made-up shop's words. The generator draws an index, never a word, so the same seed makes
 * the same shop (stages, purchases, amounts) in every language: only the words differ.
 * `mixed` is the shop the benchmarks and tests were built on (mostly Chinese, some English);
 * "Load demo shop" writes in the UI's language.
 */
type Words = Record<DemoLanguage | 'mixed', readonly string[]>;

const TAGS: Words = {
	mixed: [
		'VIP',
		'老客户',
		'会员',
		'tea lover',
		'喜欢红茶',
		'wholesale',
		'生日礼',
		'referral',
		'团购'
	],
	'zh-CN': ['VIP', '老客户', '会员', '茶友', '喜欢红茶', '批发', '生日礼', '转介绍', '团购'],
	en: [
		'VIP',
		'regular',
		'member',
		'tea lover',
		'likes black tea',
		'wholesale',
		'birthday gift',
		'referral',
		'group buy'
	]
};

/** Notes of Chinese-named customers (the first four) and of English-named ones (the last four). */
const NOTES: { 'zh-CN': string; en: string }[] = [
	{ 'zh-CN': '喜欢乌龙茶，每月来一次。', en: 'Likes oolong, comes in once a month.' },
	{ 'zh-CN': '对价格敏感，关注促销。', en: 'Watches prices, waits for promotions.' },
	{ 'zh-CN': '送礼需求多，节前联系。', en: 'Buys many gifts: call before the holidays.' },
	{ 'zh-CN': '偏好线上下单，周末取货。', en: 'Orders online, picks up at the weekend.' },
	{ 'zh-CN': '喜欢乌龙茶，每月来一次。', en: 'Prefers oolong, visits monthly.' },
	{ 'zh-CN': '节前买礼物。', en: 'Buys gifts before holidays.' },
	{ 'zh-CN': '常问新品到货。', en: 'Asks about new arrivals.' },
	{ 'zh-CN': '喜欢微信提醒。', en: 'Likes WeChat reminders.' }
];
const NOTES_PER_LANGUAGE = 4;

const OCCUPATIONS_ZH = [
	'教师',
	'设计师',
	'工程师',
	'医生',
	'会计',
	'销售经理',
	'律师',
	'公务员',
	'自由职业',
	'店主'
];

const PLACES = [
	['广东省', '深圳市', '南山区'],
	['浙江省', '杭州市', '西湖区'],
	['上海市', '上海市', '徐汇区'],
	['北京市', '北京市', '朝阳区'],
	['四川省', '成都市', '锦江区'],
	['福建省', '厦门市', '思明区']
] as const;
const PLACES_EN = [
	['Guangdong', 'Shenzhen', 'Nanshan'],
	['Zhejiang', 'Hangzhou', 'Xihu'],
	['Shanghai', 'Shanghai', 'Xuhui'],
	['Beijing', 'Beijing', 'Chaoyang'],
	['Sichuan', 'Chengdu', 'Jinjiang'],
	['Fujian', 'Xiamen', 'Siming']
] as const;
const ROADS_EN = ['Keyuan Road', 'Wensan Road', 'Huaihai Road', 'Jianguo Road', 'Chunxi Road'];

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

/**
 * A realistic made-up shop, reproducible per seed. `mixed` (the default, which the benchmarks
 * use) has mostly Chinese customers and some English ones; a UI language gives every customer a
 * name, address, tags, notes and occupation in that language, with everything else the same.
 */
const EMAIL_DOMAINS = {
	zh: ['qq.com', '163.com', '126.com', 'foxmail.com', 'sina.com'],
	en: ['gmail.com', 'outlook.com', 'yahoo.com', 'icloud.com', 'hotmail.com']
};

/**
 * An email address and a WeChat id that belong to the name: 王芳 → wangfang78@163.com and
 * wangfang5678, Anna Lee → anna.lee78@gmail.com and annalee5678 (digits from the mobile; a
 * WeChat id has at most 20 characters).
 */
export function demoHandles(name: string, mobile: string): { email: string; wechat: string } {
	const { pinyinFull } = nameKeys(name);
	const words = name
		.toLowerCase()
		.normalize('NFKD')
		.replace(/[^a-z\s]/g, '')
		.split(/\s+/)
		.filter(Boolean);
	// 吕 is lü in pinyin and lv in an address.
	const local = pinyinFull.replace(/ü/g, 'v') || words.join('.') || 'customer';
	const domains = pinyinFull ? EMAIL_DOMAINS.zh : EMAIL_DOMAINS.en;
	const digit = Number(mobile.at(-5) ?? 0);
	return {
		email: `${local}${mobile.slice(-2)}@${domains[digit % domains.length]}`,
		wechat: `${local.replace(/\./g, '').slice(0, 16)}${mobile.slice(-4)}`
	};
}

export function demoCustomers(
	count = DEMO_CUSTOMER_COUNT,
	seed = 20261123,
	language: DemoLanguage | 'mixed' = 'mixed'
): CustomerFields[] {
	const zh = new Faker({ locale: [zh_CN, en, base], seed });
	const english = new Faker({ locale: [en, base], seed: seed + 1 });
	// Words for the customers whose mixed-shop words are in the other language. A stream of its
	// own, so the two streams above (which decide the shop's shape) draw exactly as in `mixed`.
	const local =
		language === 'en'
			? new Faker({ locale: [en, base], seed: seed + 2 })
			: new Faker({ locale: [zh_CN, en, base], seed: seed + 2 });
	const customers: CustomerFields[] = [];
	for (let i = 0; i < count; i++) {
		const chinese = zh.number.float() < 0.7;
		const faker = chinese ? zh : english;
		// Whether this customer's mixed-shop words must be replaced by the UI language's.
		const foreign = language !== 'mixed' && chinese !== (language === 'zh-CN');
		const gender = zh.helpers.arrayElement(['female', 'male'] as const);
		const mixedName = chinese
			? `${faker.person.lastName()}${faker.person.firstName(gender)}`
			: faker.person.fullName({ sex: gender });
		const name = !foreign
			? mixedName
			: language === 'zh-CN'
				? `${local.person.lastName()}${local.person.firstName(gender)}`
				: `${local.person.firstName(gender)} ${local.person.lastName()}`;
		const mobile = `1${zh.helpers.arrayElement(['38', '39', '50', '58', '86', '88', '77'])}${zh.string.numeric(8)}`;
		const placeIndex = zh.number.int({ min: 0, max: PLACES.length - 1 });
		const place = language === 'en' ? PLACES_EN[placeIndex]! : PLACES[placeIndex]!;
		const stage = weighted(zh, STAGE_WEIGHTS);
		const phone =
			zh.number.float() < 0.5
				? `${mobile.slice(0, 3)} ${mobile.slice(3, 7)} ${mobile.slice(7)}`
				: mobile;
		// The drawn addresses only decide the streams' shape; what is shown is made from the name.
		const handles = demoHandles(name, mobile);
		const email = zh.number.float() < 0.45 && english.internet.email() ? handles.email : '';
		const wechat = zh.number.float() < 0.6 && english.internet.username() ? handles.wechat : '';
		const knownGender = zh.number.float() < 0.85 ? gender : '';
		const birthday =
			zh.number.float() < 0.6
				? zh.date.birthdate({ mode: 'age', min: 18, max: 75 }).toISOString().slice(0, 10)
				: '';
		const street = chinese
			? { name: zh.location.street(), number: zh.number.int({ min: 1, max: 300 }) }
			: null;
		const mixedCompany = zh.number.float() < 0.3 ? faker.company.name().slice(0, 60) : '';
		const mixedOccupation = zh.number.float() < 0.4 ? english.person.jobTitle() : '';
		const tagIndexes = zh.helpers.arrayElements([...TAGS.mixed.keys()], { min: 0, max: 3 });
		const source = zh.helpers.arrayElement(CUSTOMER_SOURCES);
		const noteIndex =
			zh.number.float() < 0.4 ? zh.number.int({ min: 0, max: NOTES_PER_LANGUAGE - 1 }) : -1;
		const note = noteIndex < 0 ? null : NOTES[(chinese ? 0 : NOTES_PER_LANGUAGE) + noteIndex]!;

		customers.push({
			...emptyCustomerFields(),
			name,
			phone,
			email,
			wechat,
			gender: knownGender,
			birthday,
			province: place[0],
			city: place[1],
			district: place[2],
			street: demoStreet(language, street, local),
			company: mixedCompany && foreign ? local.company.name().slice(0, 60) : mixedCompany,
			occupation:
				mixedOccupation && language === 'zh-CN'
					? local.helpers.arrayElement(OCCUPATIONS_ZH)
					: mixedOccupation,
			tags: tagIndexes.map((index) => TAGS[language][index]!),
			stage,
			source,
			notes: !note
				? ''
				: language === 'mixed'
					? chinese
						? note['zh-CN']
						: note.en
					: note[language]
		});
	}
	return customers;
}

/** A Chinese-named customer's street (the others have none in the mixed shop). */
function demoStreet(
	language: DemoLanguage | 'mixed',
	street: { name: string; number: number } | null,
	local: Faker
): string {
	if (language === 'en') {
		return street ? `${street.number} ${local.helpers.arrayElement(ROADS_EN)}` : '';
	}
	if (street) return `${street.name}${street.number}号`;
	return language === 'zh-CN'
		? `${local.location.street()}${local.number.int({ min: 1, max: 300 })}号`
		: '';
}

const DAY_MS = 86_400_000;

/** The catalogue in each language: the same products at the same prices (cents), same order. */
const PRODUCTS: Record<DemoLanguage, [string, number][]> = {
	'zh-CN': [
		['乌龙茶', 12_800],
		['西湖龙井', 26_800],
		['普洱茶饼', 35_800],
		['红茶礼盒', 19_800],
		['茶具套装', 45_800],
		['茉莉花茶', 6_800],
		['茉莉绿茶', 8_800],
		['品鉴套装', 15_000]
	],
	en: [
		['Oolong tea', 12_800],
		['West Lake Longjing', 26_800],
		['Pu-erh tea cake', 35_800],
		['Black tea gift box', 19_800],
		['Tea set', 45_800],
		['Jasmine tea', 6_800],
		['Jasmine green tea', 8_800],
		['Tea sampler', 15_000]
	]
};

/** The demo shop's catalogue: name and price in cents. */
export function demoProducts(language: DemoLanguage): readonly [string, number][] {
	return PRODUCTS[language];
}

const SUMMARIES: Record<DemoLanguage, string[]> = {
	'zh-CN': [
		'问新到的秋茶价格',
		'咨询送礼包装',
		'问今年秋茶什么时候到',
		'回访：上次买的茶喝得怎么样',
		'普洱到货时请提醒她',
		'反馈茶具有轻微破损，已安排更换'
	],
	en: [
		'Asked the price of the new autumn tea',
		'Asked about gift wrapping',
		'Asked about the autumn harvest',
		'Follow-up: how they liked the last tea',
		'Wants a reminder when pu-erh is back',
		'The tea set arrived slightly chipped; a replacement is on its way'
	]
};

const TASK_TITLES: Record<DemoLanguage, { once: string[]; repeat: string }> = {
	'zh-CN': { once: ['回访新茶体验', '寄送秋季价目表', '确认礼盒订单'], repeat: '回访' },
	en: {
		once: [
			'Ask how they like the new tea',
			'Send the autumn price list',
			'Confirm the gift box order'
		],
		repeat: 'Follow-up call'
	}
};

export interface DemoActivity {
	purchases: PurchaseFields[];
	interactions: InteractionFields[];
	tasks: TaskFields[];
}

/**
 * A year of purchases, conversations and follow-ups that fits each customer's stage, written in
 * `language`. The same seed gives the same activity in both languages, apart from the words.
 */
export function demoActivity(
	customers: readonly { id: string; stage: LifecycleStage }[],
	language: DemoLanguage,
	now = Date.now(),
	seed = 20261124
): DemoActivity {
	const faker = new Faker({ locale: [zh_CN, en, base], seed });
	const products = PRODUCTS[language];
	const summaries = SUMMARIES[language];
	const titles = TASK_TITLES[language];
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
			const lines = faker.helpers.arrayElements(products, lineCount).map(([product, price]) => ({
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
				summary: faker.helpers.arrayElement(summaries),
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
				title: faker.helpers.arrayElement(titles.once),
				due: addDays(todayKey, faker.number.int({ min: -3, max: 5 })),
				dueTime: '',
				repeatAfterPurchaseDays: 0
			});
		} else if (roll < 0.2 && purchaseCount > 0) {
			tasks.push({
				customerId: id,
				title: titles.repeat,
				due: addDays(todayKey, faker.number.int({ min: 1, max: 30 })),
				dueTime: '',
				repeatAfterPurchaseDays: 30
			});
		}
	}
	return { purchases, interactions, tasks };
}
