import { CUSTOMER_FIELD_ORDER, type OrderedFieldName } from '../customers/rules/customer';
import type { CustomFieldDef } from '../custom-fields/rules/custom-fields';
import { fieldLabels } from '../../i18n/exported-words';

/** Where a column's values go. Several columns may feed a list target (phones, tags, notes). */
export type ImportField = OrderedFieldName | 'firstName' | 'lastName' | 'address';
/** The customer's fields in form order, with first/last name and a whole address added. */
export const IMPORT_FIELDS: readonly ImportField[] = CUSTOMER_FIELD_ORDER.flatMap(
	(field): ImportField[] =>
		field === 'name'
			? ['name', 'firstName', 'lastName']
			: field === 'street'
				? ['street', 'address']
				: [field]
);
export type ImportTarget = ImportField | `custom:${string}` | 'ignore';

/** Targets that join the values of several columns instead of taking the first. */
export const LIST_TARGETS: ReadonlySet<ImportTarget> = new Set([
	'firstName',
	'otherPhones',
	'otherEmails',
	'tags',
	'notes',
	'address'
]);

/** Header spellings, compared without case, spaces or punctuation. */
const HEADER_WORDS: Record<ImportField, string[]> = {
	name: [
		'name',
		'full name',
		'customer name',
		'customer',
		'contact',
		'display name',
		'contact name',
		'姓名',
		'名字',
		'客户名称',
		'客户姓名',
		'客户',
		'联系人',
		'会员姓名'
	],
	firstName: ['first name', 'given name', 'middle name', 'additional name', '名'],
	lastName: ['last name', 'family name', 'surname', '姓'],
	phone: [
		'phone',
		'mobile',
		'mobile phone',
		'cell',
		'cell phone',
		'tel',
		'telephone',
		'phone number',
		'primary phone',
		'phone 1 value',
		'mobile number',
		'电话',
		'手机',
		'手机号',
		'手机号码',
		'联系电话',
		'电话号码',
		'联系方式'
	],
	otherPhones: [
		'other phones',
		'other phone',
		'home phone',
		'home phone 2',
		'business phone',
		'business phone 2',
		'company main phone',
		'car phone',
		'phone 2',
		'其他电话',
		'座机',
		'固定电话',
		'备用电话'
	],
	email: [
		'email',
		'e-mail',
		'email address',
		'e-mail address',
		'mail',
		'e-mail 1 value',
		'email 1 value',
		'邮箱',
		'电子邮件',
		'电子邮箱',
		'邮件',
		'邮箱地址'
	],
	otherEmails: [
		'other emails',
		'other email',
		'e-mail 2 address',
		'e-mail 3 address',
		'其他邮箱',
		'备用邮箱'
	],
	wechat: ['wechat', 'wechat id', 'weixin', 'wx', '微信', '微信号', '微信id'],
	gender: ['gender', 'sex', '性别'],
	birthday: [
		'birthday',
		'birth date',
		'birthdate',
		'date of birth',
		'dob',
		'生日',
		'出生日期',
		'出生年月日'
	],
	birthdayCalendar: ['birthday calendar', 'calendar of birthday', '生日历法', '生日类型'],
	province: ['province', 'state', 'region', 'home state', 'address 1 region', '省', '省份'],
	city: ['city', 'home city', 'address 1 city', '城市', '市'],
	district: ['district', 'county', '区', '区县', '县区'],
	street: [
		'street',
		'street address',
		'home street',
		'address 1 street',
		'街道',
		'详细地址',
		'街道地址'
	],
	address: [
		'address',
		'home address',
		'address 1 formatted',
		'mailing address',
		'地址',
		'住址',
		'联系地址',
		'通讯地址'
	],
	company: [
		'company',
		'organization',
		'organisation',
		'organization name',
		'organization 1 name',
		'公司',
		'单位',
		'工作单位',
		'公司名称'
	],
	occupation: [
		'occupation',
		'job title',
		'position',
		'job',
		'organization title',
		'organization 1 title',
		'职位',
		'职业',
		'职务',
		'岗位'
	],
	tags: [
		'tags',
		'tag',
		'labels',
		'categories',
		'group membership',
		'groups',
		'标签',
		'分组',
		'分类',
		'客户标签'
	],
	stage: ['stage', 'lifecycle stage', 'status', '阶段', '客户阶段', '生命周期阶段'],
	source: ['source', 'lead source', 'channel', '来源', '客户来源', '渠道'],
	notes: [
		'notes',
		'note',
		'remarks',
		'remark',
		'comment',
		'comments',
		'memo',
		'description',
		'备注',
		'说明',
		'附注'
	],
	consent: ['marketing consent', 'consent', 'consent to marketing', '营销许可', '营销同意'],
	consentDate: ['consent date', 'date given or refused', '同意日期', '许可日期'],
	consentMethod: ['consent method', 'how it was given', '同意方式', '许可方式']
};

export function headerKey(header: string): string {
	return header
		.toLowerCase()
		.replace(/[\s_\-–—.:：()（）#*]+/g, '')
		.trim();
}

/** The app's own field labels in both languages, as our export writes them. */
function appLabels(field: ImportField): string[] {
	return fieldLabels(field);
}

const TARGET_BY_HEADER = new Map<string, ImportField>();
for (const field of IMPORT_FIELDS) {
	for (const word of [...appLabels(field), ...HEADER_WORDS[field]]) {
		TARGET_BY_HEADER.set(headerKey(word), field);
	}
}

/** Google's numbered columns: "Phone 2 - Value", "E-mail 1 - Value"; their labels are not data. */
function numberedContactColumn(key: string): ImportField | 'ignore' | null {
	const match = /^(phone|email)(\d+)(value|label|type)$/.exec(key.replace('e-mail', 'email'));
	if (!match) return null;
	if (match[3] !== 'value') return 'ignore';
	const first = match[2] === '1';
	if (match[1] === 'phone') return first ? 'phone' : 'otherPhones';
	return first ? 'email' : 'otherEmails';
}

/**
 * Suggests a target for each column from its header, in English or Chinese, including the
 * exports of Google Contacts and Outlook, and the shop's own fields by either label. A second
 * column for a single-value field (a second phone or email) goes to the "other" list.
 */
export function suggestMapping(headers: string[], fieldDefs: CustomFieldDef[]): ImportTarget[] {
	const taken = new Set<ImportTarget>();
	const customByLabel = new Map<string, string>();
	for (const def of fieldDefs) {
		for (const label of [def.labelEn, def.labelZh]) {
			if (label) customByLabel.set(headerKey(label), def.id);
		}
	}
	return headers.map((header) => {
		const key = headerKey(header);
		if (key === '') return 'ignore';
		const customId = customByLabel.get(key);
		let target: ImportTarget =
			(customId ? (`custom:${customId}` as const) : null) ??
			TARGET_BY_HEADER.get(key) ??
			numberedContactColumn(key) ??
			'ignore';
		if (target === 'phone' && taken.has('phone')) target = 'otherPhones';
		if (target === 'email' && taken.has('email')) target = 'otherEmails';
		if (taken.has(target) && !LIST_TARGETS.has(target)) target = 'ignore';
		taken.add(target);
		return target;
	});
}

/** Whether no column names the customer (a name, or its first or last part). */
export function lacksName(mapping: readonly ImportTarget[]): boolean {
	return !mapping.some(
		(target) => target === 'name' || target === 'firstName' || target === 'lastName'
	);
}
