import type { MessageKey } from '$lib/i18n/i18n.svelte';
import { fieldLabel } from '$lib/features/custom-fields/rules/custom-fields';
import { CUSTOMER_FIELD_ORDER } from '$lib/features/customers/rules/customer';
import type { FieldChange } from '$lib/features/customers/rules/field-changes';
import { changeText, type ChangeWords } from '$lib/features/activity/ui/change-text';
import { purchaseTotalCents } from '$lib/features/activity/rules/activity';
import type { PurchaseFields } from '$lib/features/activity/rules/activity-fields';
import { readInteraction, readPurchase } from '$lib/features/activity/activity-records';
import type { CustomerData, DataRecord } from '../customer-data';

/** One row of a section; a section shows only the columns its rows fill. */
export interface DataRow {
	when: string;
	what: string;
	amount?: string;
	details?: string;
	by?: string;
}

export interface DataSection {
	/** The root its records come from ('details' and 'mergedCustomers' for the customer's own). */
	id: string;
	title: string;
	columns: { key: keyof DataRow; heading: string }[];
	rows: DataRow[];
}

/** Fields stored as a code with translations of their own. */
const CODED: Partial<Record<string, string>> = {
	gender: 'gender',
	stage: 'stage',
	source: 'source',
	consent: 'consent',
	consentMethod: 'consentMethod'
};

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const num = (value: unknown): number => (typeof value === 'number' ? value : 0);
const joined = (...parts: string[]) => parts.filter((part) => part !== '').join(' · ');

/**
 * The customer's data as sections of a document in `words`' language: their details first, then
 * every root's records (a root this does not know yet gets a plain listing, never left out).
 */
export function dataSections(data: CustomerData, words: ChangeWords): DataSection[] {
	const { t } = words;
	const label = (group: string, code: string) => (code ? t(`${group}.${code}` as MessageKey) : '');
	const member = (id: unknown) =>
		typeof id === 'string' && id ? (data.names.members[id] ?? t('privacy.doc.unknownMember')) : '';
	const when = (ms: unknown) => (typeof ms === 'number' && ms > 0 ? words.dateTime(ms) : '');
	const day = (key: string) => (key ? words.date(Date.parse(`${key}T12:00:00`)) : '');
	const stage = (id: unknown) => (typeof id === 'string' ? (data.names.stages[id] ?? id) : '');
	const fields = Object.entries(data.names.fields).map(([id, names]) => ({
		id,
		labelEn: names.en,
		labelZh: names['zh-CN']
	}));

	const details: DataRow[] = [];
	const customer = data.customer;
	for (const field of CUSTOMER_FIELD_ORDER) {
		// The calendar is said with the birthday itself.
		if (field === 'birthdayCalendar') continue;
		const stored = customer[field];
		const value = Array.isArray(stored) ? stored.join(', ') : String(stored ?? '');
		if (!value || (field === 'consent' && value === 'unknown')) continue;
		let shown = CODED[field] ? label(CODED[field], value) : value;
		if (field === 'birthday' && customer.birthdayCalendar === 'lunar') {
			shown = `${shown} (${t('birthdayCalendar.lunar')})`;
		}
		details.push({ when: t(`form.${field}` as MessageKey), what: shown });
	}
	for (const [id, value] of Object.entries(customer.custom)) {
		const def = fields.find((f) => f.id === id);
		const shown = Array.isArray(value)
			? value.join(', ')
			: typeof value === 'boolean'
				? t(value ? 'customFields.yes' : 'customFields.no')
				: String(value);
		if (shown !== '') {
			details.push({ when: def ? fieldLabel(def, words.language) : id, what: shown });
		}
	}
	details.push({ when: t('privacy.doc.createdAt'), what: when(customer.createdAt) });

	const headings: Record<keyof DataRow, string> = {
		when: t('privacy.doc.when'),
		what: t('privacy.doc.what'),
		amount: t('privacy.doc.amount'),
		details: t('privacy.doc.detailsColumn'),
		by: t('privacy.doc.by')
	};
	const columnsOf = (rows: readonly DataRow[], amount = headings.amount) =>
		COLUMN_ORDER.filter(
			(key) => key === 'when' || key === 'what' || rows.some((row) => row[key])
		).map((key) => ({ key, heading: key === 'amount' ? amount : headings[key] }));

	const sections: DataSection[] = [
		{
			id: 'details',
			title: t('privacy.doc.details'),
			columns: [
				{ key: 'when', heading: t('privacy.doc.field') },
				{ key: 'what', heading: t('privacy.doc.value') }
			],
			rows: details
		}
	];
	const rowsOf: Record<string, (record: DataRecord) => DataRow> = {
		purchases: (r) => {
			// The reader checked the record's shape: a purchase's fields, as the rules take them.
			const purchase = r as unknown as PurchaseFields;
			return {
				when: when(r['at']),
				what: purchase.lines.map((line) => `${line.product} × ${line.quantity}`).join(', '),
				amount: words.money(purchaseTotalCents(purchase)),
				details: joined(
					label('payment', text(r['payment'])),
					label('channel', text(r['channel'])),
					text(r['note'])
				)
			};
		},
		interactions: (r) => ({
			when: when(r['at']),
			what: joined(
				label('interactionKind', text(r['kind'])),
				label('direction', text(r['direction']))
			),
			details: joined(text(r['summary']), text(r['outcome']), text(r['nextStep'])),
			by: member(r['createdBy'])
		}),
		tasks: (r) => ({
			when: day(text(r['due'])),
			what: text(r['title']),
			details: t(r['status'] === 'done' ? 'privacy.doc.done' : 'privacy.doc.open'),
			by: member(r['createdBy'])
		}),
		changes: (r) => {
			const merged = r['mergedFrom'] as { name?: unknown } | undefined;
			const changes = Array.isArray(r['changes']) ? (r['changes'] as FieldChange[]) : [];
			return {
				when: when(r['at']),
				what: merged
					? t('privacy.doc.merged', { name: text(merged.name) })
					: changes.map((change) => changeText(change, fields, words)).join('; '),
				by: member(r['by'])
			};
		},
		deals: (r) => ({
			when: when(r['createdAt']),
			what: text(r['title']),
			amount: words.money(num(r['valueCents'])),
			details: joined(
				stage(r['stageId']),
				text(r['lostReason']) ? t('privacy.doc.lostBecause', { reason: text(r['lostReason']) }) : ''
			)
		}),
		dealMoves: (r) => ({
			when: when(r['at']),
			what: text(r['from'])
				? t('privacy.doc.movedTo', { from: stage(r['from']), to: stage(r['to']) })
				: t('privacy.doc.newDeal', { to: stage(r['to']) }),
			details: text(r['reason']),
			by: member(r['by'])
		}),
		leadEvents: (r) => ({
			when: when(r['at']),
			what: label('privacy.doc.leadEvent', text(r['kind'])),
			details: text(r['note']),
			by: member(r['by'])
		}),
		consents: (r) => ({
			when: when(r['at']),
			what: `${label('leads.purpose', text(r['purpose']))}: ${label('leads.decision', text(r['decision']))}`,
			details: joined(label('privacy.doc.consentWay', text(r['method'])), text(r['text'])),
			by: member(r['by'])
		}),
		feedback: (r) => ({
			when: when(r['receivedAt']),
			what: joined(
				label('feedback.kind', text(r['kind'])),
				label('feedback.status', text(r['status']))
			),
			details: joined(text(r['description']), text(r['resolution'])),
			by: member(r['createdBy'])
		}),
		feedbackEvents: (r) => ({
			when: when(r['at']),
			what:
				r['kind'] === 'status'
					? t('privacy.doc.feedbackEvent.status', {
							from: label('feedback.status', text(r['from'])),
							to: label('feedback.status', text(r['to']))
						})
					: label('privacy.doc.feedbackEvent', text(r['kind'])),
			by: member(r['by'])
		}),
		surveyInvitations: (r) => ({
			when: when(r['createdAt'] ?? r['at']),
			what: data.names.surveys[text(r['surveyId'])]?.name ?? ''
		}),
		surveyResponses: (r) => {
			const survey = data.names.surveys[text(r['surveyId'])];
			const answers = (r['answers'] ?? {}) as Record<string, unknown>;
			return {
				when: when(r['at']),
				what: survey?.name ?? '',
				details: Object.entries(answers)
					.map(([question, answer]) =>
						t('privacy.doc.answers', {
							question: questionText(survey?.questions[question], words.language) || question,
							answer: Array.isArray(answer) ? answer.join(', ') : String(answer)
						})
					)
					.join('; ')
			};
		},
		pointsLedger: (r) => ({
			when: when(r['at']),
			what: joined(label('loyalty.kind', text(r['kind'])), text(r['reason'])),
			amount: String(num(r['points'])),
			by: member(r['by'])
		}),
		couponCodes: (r) => ({
			when: when(r['issuedAt']),
			what: text(r['code']),
			by: member(r['issuedBy'])
		}),
		couponRedemptions: (r) => ({
			when: when(r['at']),
			what: text(r['code']),
			amount: words.money(num(r['discountCents']))
		}),
		automationLog: (r) => ({ when: when(r['at']), what: (r['actions'] as string[]).join(', ') }),
		greetingQueue: (r) => ({
			when: when(r['at']),
			what: t(r['doneAt'] !== undefined ? 'privacy.doc.sent' : 'privacy.doc.waiting')
		}),
		eventTombstones: (r) => {
			const purchase = r['kind'] === 'purchase';
			// What it was, if the kept record still reads as one (another program may keep anything).
			const id = text(r['id']);
			const record = purchase ? readPurchase(id, r['record']) : readInteraction(id, r['record']);
			const was = record && rowsOf[purchase ? 'purchases' : 'interactions']!({ ...record });
			return {
				when: when(r['deletedAt']),
				what: joined(
					t(purchase ? 'privacy.doc.deletedPurchase' : 'privacy.doc.deletedInteraction'),
					was ? joined(was.when, was.what) : ''
				),
				amount: was?.amount,
				details: was?.details,
				by: member(r['deletedBy'])
			};
		}
	};
	for (const [root, records] of Object.entries(data.records)) {
		const toRow =
			rowsOf[root] ??
			((r: DataRecord): DataRow => ({
				when: when(r['at'] ?? r['createdAt']),
				what: JSON.stringify(r)
			}));
		const title = rowsOf[root]
			? t(`privacy.doc.sections.${root}` as MessageKey)
			: t('privacy.doc.sections.other', { root });
		const rows = records.map(toRow);
		const amount = root === 'pointsLedger' ? t('privacy.doc.points') : headings.amount;
		sections.push({ id: root, title, columns: columnsOf(rows, amount), rows });
	}
	if (data.mergedCustomers.length > 0) {
		sections.push({
			id: 'mergedCustomers',
			title: t('privacy.doc.sections.mergedCustomers'),
			columns: (['when', 'what', 'details'] as const).map((key) => ({
				key,
				heading: headings[key]
			})),
			rows: data.mergedCustomers.map((merged) => ({
				when: when(merged.createdAt),
				what: merged.name,
				details: joined(merged.phone, merged.email, merged.wechat)
			}))
		});
	}
	return sections;
}

function questionText(question: { en: string; 'zh-CN': string } | undefined, language: string) {
	if (!question) return '';
	return language.startsWith('zh')
		? question['zh-CN'] || question.en
		: question.en || question['zh-CN'];
}

const COLUMN_ORDER: (keyof DataRow)[] = ['when', 'what', 'amount', 'details', 'by'];
