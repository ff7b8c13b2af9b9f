import { describe, expect, it } from 'vitest';
import { abcClasses } from '../../src/lib/features/value/rules/abc';
import {
	alsoBought,
	coOccurrence,
	suggestFor
} from '../../src/lib/features/value/rules/co-occurrence';
import { churnRisk } from '../../src/lib/features/value/rules/churn';
import {
	averageLines,
	cutScore,
	highs,
	quintileScores,
	RFM_SEGMENTS,
	segmentOf
} from '../../src/lib/features/value/rules/rfm';
import {
	DEFAULT_VALUE_SETTINGS,
	readValueSettings
} from '../../src/lib/features/value/rules/value-settings';
import {
	readSettingsForm,
	settingsForm
} from '../../src/lib/features/value/rules/value-settings-form';

describe('RFM scores', () => {
	it('splits ten distinct values into five quintiles of two', () => {
		expect([...quintileScores([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 'higher')]).toEqual([
			1, 1, 2, 2, 3, 3, 4, 4, 5, 5
		]);
		// Recency: fewer days is better.
		expect([...quintileScores([1, 2, 3, 4, 5], 'lower')]).toEqual([5, 4, 3, 2, 1]);
	});

	it('keeps ties together: seven one-time buyers all score F 1, and the score of the first of them', () => {
		const frequency = [1, 1, 1, 1, 1, 1, 1, 2, 3, 8];
		const scores = [...quintileScores(frequency, 'higher')];
		expect(scores.slice(0, 7)).toEqual([1, 1, 1, 1, 1, 1, 1]);
		expect(scores.slice(7)).toEqual([4, 5, 5]);
		// Everyone alike: one score for all.
		expect(new Set(quintileScores([3, 3, 3], 'higher'))).toEqual(new Set([1]));
	});

	it('scores by the shop’s cut points', () => {
		const cuts = DEFAULT_VALUE_SETTINGS.cuts;
		expect(cutScore(1, cuts.frequency, 'higher')).toBe(1);
		expect(cutScore(2, cuts.frequency, 'higher')).toBe(2);
		expect(cutScore(12, cuts.frequency, 'higher')).toBe(5);
		expect(cutScore(400, cuts.recencyDays, 'lower')).toBe(1);
		expect(cutScore(365, cuts.recencyDays, 'lower')).toBe(2);
		expect(cutScore(30, cuts.recencyDays, 'lower')).toBe(5);
	});
});

describe('the eight RFM segments', () => {
	it('each combination of high and low has its own segment', () => {
		const seen = new Set<string>();
		for (const r of [true, false])
			for (const f of [true, false]) for (const m of [true, false]) seen.add(segmentOf(r, f, m));
		expect(seen.size).toBe(8);
		expect(segmentOf(true, true, true)).toBe('importantValue');
		expect(segmentOf(false, false, true)).toBe('importantWinBack');
		expect(segmentOf(true, false, false)).toBe('generalDevelop');
		expect(segmentOf(false, false, false)).toBe('generalWinBack');
		expect(RFM_SEGMENTS).toHaveLength(8);
	});

	it('against averages, above the average is high; at the shop’s own line, reaching it is', () => {
		const facts = [
			{ recencyDays: 10, frequency: 1, monetaryCents: 100 },
			{ recencyDays: 30, frequency: 3, monetaryCents: 500 }
		];
		const lines = averageLines(facts);
		expect(lines).toMatchObject({ recencyDays: 20, frequency: 2, monetaryCents: 300 });
		expect(highs(facts[0]!, lines)).toEqual({ r: true, f: false, m: false });
		expect(highs(facts[1]!, lines)).toEqual({ r: false, f: true, m: true });
		// Everybody bought once: nobody buys more often than the average.
		const once = averageLines([facts[0]!, facts[0]!]);
		expect(highs(facts[0]!, once).f).toBe(false);
		const own = { recencyDays: 30, frequency: 3, monetaryCents: 500, kind: 'own' as const };
		expect(highs(facts[1]!, own)).toEqual({ r: true, f: true, m: true });
	});
});

describe('ABC classes', () => {
	it('A makes the first 70% of revenue, B the next 20%, C the rest', () => {
		// 50 + 20 + 10 + 10 + 5 + 5 = 100
		expect(abcClasses([5_000, 2_000, 1_000, 1_000, 500, 500], [70, 20])).toEqual([
			'A',
			'A',
			'B',
			'B',
			'C',
			'C'
		]);
		// 50 + 20 + 10 + 9 + 6 + 5 = 100: 80/15 puts the third in A and the last in C.
		expect(abcClasses([5_000, 2_000, 1_000, 900, 600, 500], [80, 15])).toEqual([
			'A',
			'A',
			'A',
			'B',
			'B',
			'C'
		]);
	});

	it('ties share a class, and no revenue is C', () => {
		expect(abcClasses([100, 100, 100, 0], [70, 20])).toEqual(['A', 'A', 'A', 'C']);
		expect(abcClasses([], [70, 20])).toEqual([]);
	});
});

describe('churn risk', () => {
	it('a customer who buys every 20 days and last bought 70 days ago is high risk, named by both', () => {
		const risk = churnRisk({ daysSince: 70, usualIntervalDays: 20 }, null);
		expect(risk.level).toBe('high');
		expect(risk.reasons).toEqual([{ kind: 'overdue', usualIntervalDays: 20, daysSince: 70 }]);
	});

	it('at risk past two intervals, high past three, and never before 30 days', () => {
		expect(churnRisk({ daysSince: 41, usualIntervalDays: 20 }, null).level).toBe('medium');
		expect(churnRisk({ daysSince: 40, usualIntervalDays: 20 }, null).level).toBe('low');
		expect(churnRisk({ daysSince: 61, usualIntervalDays: 20 }, null).level).toBe('high');
		expect(churnRisk({ daysSince: 25, usualIntervalDays: 5 }, null).level).toBe('low');
	});

	it('a one-time buyer is at risk after 180 days, and anyone silent past a year is high', () => {
		expect(churnRisk({ daysSince: 181, usualIntervalDays: null }, null).level).toBe('medium');
		expect(churnRisk({ daysSince: 100, usualIntervalDays: null }, null).level).toBe('low');
		expect(churnRisk({ daysSince: 400, usualIntervalDays: 30 }, null)).toEqual({
			level: 'high',
			reasons: [{ kind: 'silent', daysSince: 400 }]
		});
	});

	it('the model’s chance of being active raises the level, and both reasons show when they agree', () => {
		const risk = churnRisk({ daysSince: 10, usualIntervalDays: 20 }, 0.07);
		expect(risk).toEqual({ level: 'high', reasons: [{ kind: 'model', probabilityAlive: 0.07 }] });
		const both = churnRisk({ daysSince: 70, usualIntervalDays: 20 }, 0.1);
		expect(both.reasons.map((reason) => reason.kind)).toEqual(['overdue', 'model']);
		expect(churnRisk({ daysSince: 70, usualIntervalDays: 20 }, 0.95).level).toBe('high');
	});
});

describe('value settings as read from the doc', () => {
	it('a stranger’s garbage falls back part by part to the defaults', () => {
		expect(readValueSettings(null)).toEqual(DEFAULT_VALUE_SETTINGS);
		expect(readValueSettings('x')).toEqual(DEFAULT_VALUE_SETTINGS);
		const read = readValueSettings({
			windowMonths: 6,
			scoring: 'cuts',
			cuts: { recencyDays: [1, 2, 3, 4], frequency: [2, 3, 4, 5], monetaryCents: 'lots' },
			lines: { recencyDays: 30, frequency: 2, monetaryCents: Infinity },
			abc: [80, 15],
			monthlyDiscount: 5
		});
		expect(read.windowMonths).toBe(6);
		expect(read.scoring).toBe('cuts');
		// Recency cuts must count down; these count up.
		expect(read.cuts.recencyDays).toEqual(DEFAULT_VALUE_SETTINGS.cuts.recencyDays);
		expect(read.cuts.frequency).toEqual([2, 3, 4, 5]);
		expect(read.cuts.monetaryCents).toEqual(DEFAULT_VALUE_SETTINGS.cuts.monetaryCents);
		expect(read.lines).toBe('averages');
		expect(read.abc).toEqual([80, 15]);
		expect(read.monthlyDiscount).toBe(0.01);
		expect(readValueSettings({ abc: [50, 50], windowMonths: 0 }).abc).toEqual([70, 20]);
	});
});

describe('the value settings form', () => {
	const averages = { recencyDays: 58.6, frequency: 4.2, monetaryCents: 243_385 };

	it('reads back what it was filled from', () => {
		const own = {
			...DEFAULT_VALUE_SETTINGS,
			scoring: 'cuts' as const,
			lines: { recencyDays: 30, frequency: 3, monetaryCents: 120_050 },
			abc: [80, 15] as const,
			monthlyDiscount: 0.015
		};
		const read = readSettingsForm(settingsForm(own, averages));
		expect(read).toEqual({ ok: true, settings: { ...own, abc: [80, 15] } });
	});

	it('starts own lines from the averages, rounded', () => {
		const form = settingsForm(DEFAULT_VALUE_SETTINGS, averages);
		expect([form.lineRecency, form.lineFrequency, form.lineMonetary]).toEqual([
			'59',
			'4',
			'2433.85'
		]);
	});

	it('names each field that is wrong, and only checks what is in use', () => {
		const form = settingsForm(DEFAULT_VALUE_SETTINGS, averages);
		expect(
			readSettingsForm({ ...form, cutsRecency: ['30', '90', '180', '365'], lineMonetary: 'lots' })
				.ok
		).toBe(true);
		const wrong = readSettingsForm({
			...form,
			scoring: 'cuts',
			cutsRecency: ['30', '90', '180', '365'],
			cutsFrequency: ['2', 'x', '5', '10'],
			cutsMonetary: ['500', '100', '3000', '10000'],
			lines: 'own',
			lineMonetary: 'lots',
			discountPercent: '25'
		});
		expect(wrong).toEqual({
			ok: false,
			errors: {
				cutsRecency: 'recencyOrder',
				cutsFrequency: 'wholeNumber',
				cutsMonetary: 'ascending',
				lineMonetary: 'amount',
				discountPercent: 'discount'
			}
		});
	});
});

describe('recommendations by co-occurrence', () => {
	// Products: 0 tea A, 1 cup B, 2 cup C, 3 incense.
	const baskets: number[][] = [
		...Array.from({ length: 10 }, () => [0, 1]),
		[0, 2],
		[3],
		[3, 1],
		[0]
	];
	const co = coOccurrence(baskets, 4);

	it('counts each customer’s products once', () => {
		expect(co.customers).toBe(14);
		expect([...co.buyers]).toEqual([12, 11, 1, 2]);
		expect(coOccurrence([[0, 0, 1, 1]], 2).together.get(1)).toBe(1);
	});

	it('for a customer who bought only tea A, suggests cup B first, bought together by 10', () => {
		const [first, ...rest] = suggestFor(co, [0]);
		expect(first).toMatchObject({ product: 1, support: 10, with: 0 });
		expect(first!.lift).toBeCloseTo((14 * 10) / (12 * 11));
		// Cup C went with tea A once: chance, not a suggestion.
		expect(rest.map((s) => s.product)).not.toContain(2);
		expect(suggestFor(co, [0, 1]).map((s) => s.product)).not.toContain(1);
	});

	it('what buyers of a product also bought, by lift, each with its evidence', () => {
		expect(alsoBought(co, 1)).toEqual([expect.objectContaining({ product: 0, support: 10 })]);
		expect(alsoBought(co, 2)).toEqual([]);
		// Leaves out products no longer for sale.
		expect(suggestFor(co, [0], 5, (product) => product !== 1)).toEqual([]);
	});
});
