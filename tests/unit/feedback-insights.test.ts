import { describe, expect, it } from 'vitest';
import {
	feedbackFigures,
	monthsBetween,
	periodBounds,
	searchTexts,
	type FeedbackInsightsInput
} from '../../src/lib/features/feedback/rules/feedback-insights';
import type { FeedbackRow } from '../../src/lib/features/feedback/rules/feedback-records';
import type { ResponseRow, SurveyRow } from '../../src/lib/features/feedback/rules/survey-records';

const survey: SurveyRow = {
	id: 'survey-1',
	name: 'After a visit',
	createdAt: 0,
	questions: [
		{
			id: 'nps',
			type: 'nps',
			text: { en: 'Recommend?', 'zh-CN': '' },
			options: [],
			required: true
		},
		{
			id: 'sat',
			type: 'csat',
			text: { en: 'Satisfied?', 'zh-CN': '' },
			options: [],
			required: false
		},
		{ id: 'why', type: 'text', text: { en: 'Why?', 'zh-CN': '' }, options: [], required: false }
	]
};

const at = (y: number, m: number, d: number, h = 12) => new Date(y, m - 1, d, h).getTime();

let next = 0;
function response(score: number, fields: Partial<ResponseRow> = {}): ResponseRow {
	next++;
	return {
		id: `r${next}`,
		surveyId: survey.id,
		customerId: 'li',
		purchaseId: '',
		invitationId: '',
		answers: { nps: score },
		channel: 'paper',
		at: at(2026, 11, 10),
		by: 'wang',
		...fields
	};
}

function item(fields: Partial<FeedbackRow>): FeedbackRow {
	next++;
	return {
		id: `f${next}`,
		kind: 'complaint',
		channel: 'phone',
		customerId: 'li',
		purchaseId: '',
		products: [],
		severity: 'high',
		description: '',
		ownerId: '',
		receivedAt: at(2026, 11, 10, 9),
		status: 'new',
		dueAt: 0,
		resolution: '',
		satisfaction: null,
		acknowledgedAt: 0,
		resolvedAt: 0,
		createdAt: 0,
		createdBy: '',
		updatedAt: 0,
		...fields
	};
}

const base = (over: Partial<FeedbackInsightsInput>): FeedbackInsightsInput => ({
	responses: [],
	surveys: new Map([[survey.id, survey]]),
	feedback: [],
	ownerOf: (id) => id,
	purchaseOf: () => null,
	invitedBy: () => '',
	from: at(2026, 1, 1, 0),
	until: at(2027, 1, 1, 0),
	...over
});

describe('feedback insights', () => {
	it('ten answers — three 0–6, two 7–8, five 9–10 — make an NPS of 20, in their month and overall', () => {
		const scores = [0, 5, 6, 7, 8, 9, 9, 10, 10, 10];
		const figures = feedbackFigures(base({ responses: scores.map((score) => response(score)) }));
		expect(figures.nps).toEqual({
			responses: 10,
			promoters: 5,
			passives: 2,
			detractors: 3,
			score: 20
		});
		const november = figures.months.find((month) => month.key === '2026-11')!;
		expect(november.nps.score).toBe(20);
		expect(figures.months).toHaveLength(12);
		expect(figures.months.find((month) => month.key === '2026-10')!.nps.score).toBeNull();
		expect(figures.distribution).toEqual([1, 0, 0, 0, 0, 1, 1, 1, 1, 2, 3]);
	});

	it('puts an answer in the local month it was given, and leaves out answers outside the period', () => {
		const figures = feedbackFigures(
			base({
				responses: [
					response(10, { at: at(2026, 11, 30, 23) }),
					response(0, { at: at(2026, 12, 1, 0) + 60_000 }),
					response(0, { at: at(2025, 12, 31) })
				],
				from: at(2026, 11, 1, 0),
				until: at(2027, 1, 1, 0)
			})
		);
		expect(figures.months.map((month) => [month.key, month.nps.score])).toEqual([
			['2026-11', 100],
			['2026-12', -100]
		]);
		expect(figures.nps.responses).toBe(2);
	});

	it('follows a merged customer, leaves out a deleted one and says how many were left out', () => {
		const figures = feedbackFigures(
			base({
				responses: [response(10, { customerId: 'old' }), response(0, { customerId: 'gone' })],
				feedback: [item({ customerId: 'gone' }), item({ customerId: 'old' })],
				ownerOf: (id) => (id === 'gone' ? null : id === 'old' ? 'li' : id)
			})
		);
		expect(figures.nps.responses).toBe(1);
		expect(figures.byKind.complaint).toBe(1);
		expect(figures.leftOut).toBe(2);
	});

	it('groups by product of the purchase, by the member who served and by how it was answered', () => {
		const figures = feedbackFigures(
			base({
				responses: [
					response(10, { purchaseId: 'p1', channel: 'link', invitationId: 'i1' }),
					response(0, { purchaseId: 'p2', channel: 'link', invitationId: 'i2' }),
					response(9, { channel: 'counter', by: 'zhao' })
				],
				purchaseOf: (id) =>
					id === 'p1'
						? { products: ['Oolong', 'Oolong', 'Cup'], servedBy: 'wang' }
						: id === 'p2'
							? { products: ['Oolong'], servedBy: '' }
							: null,
				invitedBy: (id) => (id === 'i2' ? 'li-member' : '')
			})
		);
		expect(figures.byProduct).toEqual([
			{ key: 'Oolong', nps: expect.objectContaining({ responses: 2, score: 0 }) },
			{ key: 'Cup', nps: expect.objectContaining({ responses: 1, score: 100 }) }
		]);
		expect(figures.byMember.map((group) => [group.key, group.nps.responses])).toEqual([
			['li-member', 1],
			['wang', 1],
			['zhao', 1]
		]);
		expect(figures.byChannel.map((group) => group.key)).toEqual(['counter', 'link']);
	});

	it('counts satisfaction 4–5 as satisfied, month by month', () => {
		const figures = feedbackFigures(
			base({
				responses: [
					response(9, { answers: { nps: 9, sat: 5 } }),
					response(9, { answers: { nps: 9, sat: 2 } })
				]
			})
		);
		expect(figures.csat).toEqual({ responses: 2, satisfied: 1, percent: 50 });
	});

	it('times the first response and the resolution by severity, as medians in hours', () => {
		const heard = at(2026, 11, 10, 9);
		const figures = feedbackFigures(
			base({
				feedback: [
					item({ acknowledgedAt: heard + 2 * 3_600_000, resolvedAt: heard + 30 * 3_600_000 }),
					item({ acknowledgedAt: heard + 4 * 3_600_000, status: 'resolved' }),
					item({ severity: 'low' })
				]
			})
		);
		const high = figures.timing.find((row) => row.severity === 'high')!;
		expect(high).toEqual({
			severity: 'high',
			items: 2,
			acknowledged: 2,
			firstResponseHours: 3,
			resolved: 1,
			resolutionHours: 30
		});
		expect(figures.timing.find((row) => row.severity === 'low')!.firstResponseHours).toBeNull();
		expect(figures.byStatus).toMatchObject({ new: 2, resolved: 1 });
	});

	it('keeps written answers newest first, found by every word typed', () => {
		const figures = feedbackFigures(
			base({
				responses: [
					response(3, { answers: { nps: 3, why: 'Tea served cold' }, at: at(2026, 11, 1) }),
					response(9, { answers: { nps: 9, why: 'Lovely cold brew' }, at: at(2026, 11, 2) })
				]
			})
		);
		expect(figures.texts.map((text) => text.text)).toEqual(['Lovely cold brew', 'Tea served cold']);
		expect(searchTexts(figures.texts, 'COLD tea').map((text) => text.text)).toEqual([
			'Tea served cold'
		]);
		expect(searchTexts(figures.texts, '  ')).toHaveLength(2);
	});

	it('lists calendar months across a year end, and none for an empty period', () => {
		expect(monthsBetween(at(2026, 11, 15), at(2027, 2, 1, 0))).toEqual([
			'2026-11',
			'2026-12',
			'2027-01'
		]);
		expect(monthsBetween(5, 5)).toEqual([]);
	});
});

describe('the periods Insights → Feedback offers', () => {
	it('run from the first of the month two or eleven months back to the end of today, in local time', () => {
		const now = at(2026, 3, 15, 18);
		expect(periodBounds('months3', now)).toEqual({
			from: at(2026, 1, 1, 0),
			until: at(2026, 3, 16, 0)
		});
		expect(periodBounds('months12', now).from).toBe(at(2025, 4, 1, 0));
		expect(periodBounds('all', now).from).toBe(0);
	});
});
