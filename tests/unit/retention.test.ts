import { describe, expect, it } from 'vitest';
import {
	DEFAULT_RETENTION_RULES,
	readRetentionRules,
	retentionCandidates,
	type RetainedCustomer
} from '../../src/lib/features/privacy/rules/retention';

const at = (y: number, m: number, d: number, h = 12) => new Date(y, m - 1, d, h).getTime();
const NOW = at(2026, 12, 7);
const customer = (id: string, fields: Partial<RetainedCustomer>): RetainedCustomer => ({
	id,
	stage: 'active',
	createdAt: at(2020, 1, 1),
	lastPurchaseAt: null,
	lastContactAt: null,
	...fields
});
const both = {
	leads: { on: true, months: 12 },
	inactive: { on: true, years: 3 }
};

describe('retention rules', () => {
	it('find leads never converted after N months, by local calendar day', () => {
		const found = retentionCandidates(
			[
				customer('old-lead', { stage: 'lead', createdAt: at(2025, 12, 7, 0) }),
				customer('young-lead', { stage: 'lead', createdAt: at(2025, 12, 8, 0) }),
				// A lead who bought is converted, whatever the stage says.
				customer('bought', {
					stage: 'lead',
					createdAt: at(2024, 1, 1),
					lastPurchaseAt: at(2026, 1, 1)
				})
			],
			{ ...both, inactive: { on: false, years: 3 } },
			NOW
		);
		expect(found).toEqual([{ id: 'old-lead', reason: 'lead', lastSeenAt: at(2025, 12, 7, 0) }]);
	});

	it('find customers with no purchase or contact for N years; the latest sign counts', () => {
		const found = retentionCandidates(
			[
				customer('quiet', { lastPurchaseAt: at(2023, 12, 6) }),
				customer('called', { lastPurchaseAt: at(2022, 1, 1), lastContactAt: at(2024, 6, 1) }),
				customer('new', { createdAt: at(2026, 11, 1) }),
				// Merged customers are part of the one they went into.
				customer('merged', { mergedInto: 'quiet' })
			],
			both,
			NOW
		);
		expect(found.map((c) => [c.id, c.reason])).toEqual([['quiet', 'inactive']]);
	});

	it('a month back from the 31st is the month’s last day, not the next month', () => {
		const now = at(2026, 3, 31);
		const rules = { leads: { on: true, months: 1 }, inactive: { on: false, years: 1 } };
		const lead = (d: number) => customer(`l${d}`, { stage: 'lead', createdAt: at(2026, 2, d, 0) });
		expect(retentionCandidates([lead(28)], rules, now)).toHaveLength(1);
		expect(
			retentionCandidates(
				[customer('m', { stage: 'lead', createdAt: at(2026, 3, 1, 0) })],
				rules,
				now
			)
		).toHaveLength(0);
	});

	it('are off unless turned on, and read back only what makes sense', () => {
		expect(
			retentionCandidates([customer('a', { stage: 'lead' })], DEFAULT_RETENTION_RULES, NOW)
		).toEqual([]);
		expect(readRetentionRules(null)).toEqual(DEFAULT_RETENTION_RULES);
		expect(
			readRetentionRules({ leads: { on: true, months: 0 }, inactive: { on: true, years: 2.5 } })
		).toEqual(DEFAULT_RETENTION_RULES);
		expect(
			readRetentionRules({ leads: { on: true, months: 6 }, inactive: { on: 'yes', years: 5 } })
		).toEqual({
			leads: { on: true, months: 6 },
			inactive: { on: false, years: 5 }
		});
	});
});
