import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import type { WriteCommand, JobCommand } from '../../src/lib/core/command';
import type {
	PurchaseFields,
	InteractionFields,
	TaskFields
} from '../../src/lib/features/activity/rules/activity';
import type { ProductFields } from '../../src/lib/features/products/rules/product';
import { APP_COMMANDS_FOR_TESTS, type AppCommands } from '../../src/lib/workspace/commands';
import { customer } from './helpers';
import { DEFAULT_REPORT } from '../../src/lib/features/insights/rules/report-definition';
import { emptyCampaign } from '../../src/lib/features/coupons/rules/coupons';
import { DEFAULT_LOYALTY_SETTINGS } from '../../src/lib/features/loyalty/rules/loyalty-settings';
import { DEFAULT_VALUE_SETTINGS } from '../../src/lib/features/value/rules/value-settings';

type ArgsOf<C> =
	C extends JobCommand<infer A, infer _R>
		? A
		: C extends WriteCommand<infer A, infer _R, infer _U>
			? A
			: never;

const purchase: PurchaseFields = {
	customerId: 'c1',
	at: Date.UTC(2026, 11, 6),
	lines: [{ product: 'Oolong', quantity: 2, unitPriceCents: 12_800 }],
	discountCents: 0,
	payment: 'wechat_pay',
	channel: 'in_store',
	note: ''
};
const interaction: InteractionFields = {
	customerId: 'c1',
	at: Date.UTC(2026, 11, 6),
	kind: 'call',
	direction: 'out',
	summary: 'Asked about the new harvest',
	outcome: '',
	nextStep: '',
	followUpDate: '',
	products: []
};
const task: TaskFields = {
	customerId: 'c1',
	title: 'Call back',
	due: '2026-12-07',
	dueTime: '',
	repeatAfterPurchaseDays: 0
};
const product: ProductFields = {
	name: 'Oolong',
	category: 'Tea',
	priceCents: 12_800,
	active: true
};
const fieldDef = {
	labelEn: 'Skin type',
	labelZh: '肤质',
	type: 'choice' as const,
	options: ['dry', 'oily'],
	showInList: true
};

const segment = {
	name: 'Big spenders',
	color: 'teal',
	definition: {
		join: 'all' as const,
		items: [
			{
				field: 'totalSpent',
				op: 'gt' as const,
				value: '1000',
				value2: '',
				period: { kind: 'ever' as const }
			}
		]
	}
};

const pipeline = {
	name: 'Sales',
	lostReasons: ['Price'],
	stages: [
		{ id: 's1', name: 'New', kind: 'open' as const, probability: 10, staleAfterDays: 7 },
		{ id: 's2', name: 'Won', kind: 'won' as const, probability: 100, staleAfterDays: 0 }
	]
};

const deal = {
	title: 'Sofa set',
	customerId: 'c1',
	valueCents: 1_200_000,
	lines: [],
	pipelineId: 'p1',
	stageId: 's1',
	probability: null,
	closeDate: '',
	ownerId: '',
	source: '' as const,
	nextStep: '',
	nextStepDate: '',
	notes: ''
};

const survey = {
	name: 'After a visit',
	questions: [
		{
			id: 'q-nps',
			type: 'nps' as const,
			text: { en: 'Recommend us?', 'zh-CN': '' },
			options: [],
			required: true
		},
		{
			id: 'q-tea',
			type: 'multi' as const,
			text: { en: 'Which teas?', 'zh-CN': '哪些茶？' },
			options: ['Oolong', 'Green'],
			required: false
		}
	]
};

/**
 * A call of every command as the page makes it, typed from the command's own code: a
 * declaration whose argument schema refused a well-typed call would break that screen.
 */
const CALLS: { [K in keyof AppCommands]: ArgsOf<AppCommands[K]> } = {
	createCustomer: [customer({ name: 'Li Na', tags: ['vip'] })],
	createCustomers: [[customer({ name: 'Li Na' }), customer({ name: 'Wang Fang' })]],
	updateCustomer: ['c1', { city: 'Hangzhou' }],
	deleteCustomer: ['c1'],
	restoreCustomer: ['c1'],
	mergeCustomers: ['c1', 'c2', customer({ name: 'Li Na' })],
	createFieldDef: [fieldDef],
	updateFieldDef: ['f1', fieldDef],
	removeFieldDef: ['f1'],
	setTagColor: ['vip', 'red'],
	renameTag: ['vip', 'VIP'],
	deleteTag: ['vip'],
	createProduct: [product],
	updateProduct: ['p1', product],
	setProductActive: ['p1', false],
	mergeProducts: ['p1', ['p2', 'p3']],
	deleteProduct: ['p1'],
	addPurchase: [purchase],
	addPurchaseWithNewProducts: [purchase, [{ line: 0, fields: product }]],
	editPurchase: ['s1', purchase, [{ line: 0, fields: product }]],
	deletePurchase: ['s1'],
	restorePurchase: ['s1'],
	logInteraction: [interaction],
	editInteraction: ['i1', interaction],
	deleteInteraction: ['i1'],
	restoreInteraction: ['i1'],
	addTask: [task],
	completeTask: ['t1'],
	reopenTask: ['t1'],
	snoozeTask: ['t1', '2026-12-08'],
	setCurrency: ['CNY'],
	setMemberProfile: [{ name: 'Li', color: 'blue' }],
	loadDemoShop: [300, 'zh-CN'],
	removeDemoShop: [],
	recordAudit: [{ action: 'export', what: 'customers', rows: 3 }],
	writeRoleEntry: [{ member: 'm2', role: 'staff', at: 1, sig: 'c2ln' }],
	setRetentionRules: [{ leads: { on: true, months: 12 }, inactive: { on: false, years: 3 } }],
	importCustomers: [{ create: [customer({ name: 'Li Na' })], update: [{ id: 'c1', patch: {} }] }],
	importPurchases: [[purchase]],
	mergeColleagueChanges: [new Uint8Array([0, 0])],
	mergeBackup: [new Uint8Array([0, 0])],
	tagCustomers: [['c1', 'c2'], 'VIP'],
	untagCustomers: [['c1'], 'VIP'],
	setCustomersStage: [['c1'], 'vip'],
	addTasksFor: [
		['c1'],
		{ title: 'Call back', due: '2026-12-07', dueTime: '', repeatAfterPurchaseDays: 0 }
	],
	createSegment: [segment],
	updateSegment: ['s1', segment],
	deleteSegment: ['s1'],
	createReport: [{ name: 'Province by quarter', definition: DEFAULT_REPORT }],
	updateReport: ['r1', { name: 'Province by quarter', definition: DEFAULT_REPORT }],
	deleteReport: ['r1'],
	setValueSettings: [DEFAULT_VALUE_SETTINGS],
	setLoyaltySettings: [DEFAULT_LOYALTY_SETTINGS],
	adjustPoints: ['c1', 50, 'Birthday gift'],
	createCampaign: [{ ...emptyCampaign(), name: 'Spring' }],
	updateCampaign: ['k1', { ...emptyCampaign(), name: 'Spring' }],
	deleteCampaign: ['k1'],
	issueCoupons: ['k1', ['c1', 'c2']],
	createTemplate: [{ name: 'Hi', occasion: 'any', textEn: 'Hi {name}', textZh: '' }],
	updateTemplate: ['t1', { name: 'Hi', occasion: 'any', textEn: 'Hi {name}', textZh: '' }],
	deleteTemplate: ['t1'],
	setCareSettings: [{ shopName: 'Tea House', afterPurchaseDays: 3, agreedOnly: false }],
	recordConsent: ['c1', { purpose: 'sms', decision: 'withdrawn', method: 'verbal', text: '' }],
	createAutomation: [
		{
			name: 'Birthday call',
			enabled: true,
			trigger: { kind: 'birthdayIn' as const, days: 3, tierId: '' },
			segmentId: '',
			actions: [{ kind: 'task' as const, text: 'Call', ref: '', points: 0 }]
		}
	],
	updateAutomation: [
		'a1',
		{
			name: 'Birthday call',
			enabled: true,
			trigger: { kind: 'birthdayIn' as const, days: 3, tierId: '' },
			segmentId: '',
			actions: [{ kind: 'task' as const, text: 'Call', ref: '', points: 0 }]
		}
	],
	setAutomationEnabled: ['a1', false],
	deleteAutomation: ['a1'],
	applyAutomations: [
		[
			{
				ruleId: 'a1',
				ruleName: 'Birthday call',
				customerId: 'c1',
				occasion: '2026-12-09',
				actions: []
			}
		],
		'2026-12-06'
	],
	finishQueuedGreeting: ['q1'],
	creditPastPurchases: [],
	createPipeline: [pipeline],
	updatePipeline: ['p1', pipeline],
	deletePipeline: ['p1'],
	createDeal: [deal, null],
	updateDeal: ['d1', deal],
	moveDeal: ['d1', 's2', ''],
	winDeal: ['d1', 's2', { at: 0, payment: 'cash', channel: 'in_store' }],
	deleteDeal: ['d1'],
	addLead: [{ name: 'Li Na', phone: '13800138000', source: 'walk_in', ownerId: '', notes: '' }],
	assignLead: ['c1', 'm1'],
	discardLead: ['c1', 'other', 'moved away'],
	reopenLead: ['c1'],
	keepLeadApart: ['c1', 'c2'],
	qualifyLead: ['c1', deal],
	setKioskSettings: [
		{
			fields: ['email'],
			customFields: ['f1'],
			consentText: { en: 'I agree', 'zh-CN': '我同意' },
			welcome: { kind: 'points', points: 50, campaignId: '' },
			surveyId: ''
		}
	],
	signUpWalkIn: [
		{
			name: 'Li Na',
			phone: '13800138000',
			fields: { email: 'li@example.com' },
			custom: { f1: 'yes' },
			consents: { sms: true, wechat: false, email: false },
			language: 'zh-CN',
			welcomeNote: '新客礼'
		}
	],
	logFeedback: [
		{
			kind: 'complaint',
			channel: 'phone',
			customerId: 'c1',
			purchaseId: '',
			products: ['Oolong'],
			severity: 'high',
			description: 'The tea arrived cold',
			ownerId: '',
			receivedAt: 0
		},
		{ taskDue: '2026-12-08', taskTitle: 'Call back', goodwillCampaignId: '' }
	],
	setFeedbackStatus: ['f1', 'resolved', 'Replaced the order'],
	assignFeedback: ['f1', 'm1'],
	updateFeedback: ['f1', { severity: 'low', satisfaction: 4 }],
	setResponseRules: [{ hours: { high: 24, medium: 72, low: 168 } }],
	createSurvey: [survey],
	updateSurvey: ['s1', survey],
	inviteToSurvey: ['s1', 'c1', ''],
	answerAtCounter: [
		's1',
		{ phone: '13800138000', name: '' },
		{ 'q-nps': 9 },
		{ nps: 'NPS', csat: 'CSAT' }
	],
	recordResponse: [
		's1',
		'c1',
		{ 'q-nps': 9, 'q-tea': ['Oolong'] },
		'link',
		'i1',
		{ nps: 'NPS', csat: 'CSAT' }
	]
};

describe('command argument schemas', () => {
	it.each(Object.entries(CALLS))('%s takes a well-typed call', (name, args) => {
		const spec = APP_COMMANDS_FOR_TESTS[name as keyof AppCommands];
		const parsed = v.safeParse(spec.args, args);
		expect(parsed.issues?.map((issue) => issue.message) ?? []).toEqual([]);
	});

	it('covers every command', () => {
		expect(Object.keys(CALLS).sort()).toEqual(Object.keys(APP_COMMANDS_FOR_TESTS).sort());
	});

	it('refuses a call of the wrong structure', () => {
		const { args } = APP_COMMANDS_FOR_TESTS.addPurchase;
		expect(v.is(args, [{ ...purchase, lines: 'two oolong' }])).toBe(false);
		expect(v.is(args, [purchase, 'extra'])).toBe(false);
		expect(v.is(APP_COMMANDS_FOR_TESTS.setProductActive.args, ['p1', 'no'])).toBe(false);
	});
});
