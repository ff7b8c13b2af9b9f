import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { readStored } from '../../src/lib/core/record-kind';
import { reportKind } from '../../src/lib/features/insights/kinds';
import {
	createReport,
	deleteReport,
	updateReport
} from '../../src/lib/features/insights/report-commands';
import {
	DEFAULT_REPORT,
	checkReport,
	readReportDefinition,
	sameReport,
	type ReportDefinition
} from '../../src/lib/features/insights/rules/report-definition';
import { memberContext } from './helpers';

const byMonth: ReportDefinition = {
	...DEFAULT_REPORT,
	rows: 'product',
	columns: 'month',
	measure: 'quantity',
	period: 'all',
	showAs: 'row',
	colour: true,
	sortBy: 'col:2026-03',
	descending: true
};

describe('a saved report’s layout', () => {
	it('reads back exactly as it was saved', () => {
		const checked = checkReport({ name: '  Products by month ', definition: byMonth });
		expect(checked).toEqual({
			ok: true,
			name: 'Products by month',
			definition: expect.any(String)
		});
		if (!checked.ok) return;
		expect(readReportDefinition(checked.definition)).toEqual(byMonth);
		expect(sameReport(readReportDefinition(checked.definition)!, byMonth)).toBe(true);
		expect(sameReport(byMonth, { ...byMonth, sortBy: 'total' })).toBe(false);
	});

	it('keeps a shop’s own field as a dimension and a segment as the filter', () => {
		const layout = { ...DEFAULT_REPORT, rows: 'custom:skinType', segmentId: 'seg-1' } as const;
		expect(readReportDefinition(JSON.stringify(layout))).toEqual(layout);
	});

	it('needs a name of at most 80 characters', () => {
		expect(checkReport({ name: ' ', definition: byMonth })).toEqual({
			ok: false,
			problem: 'nameRequired'
		});
		expect(checkReport({ name: 'x'.repeat(81), definition: byMonth })).toEqual({
			ok: false,
			problem: 'nameTooLong'
		});
	});

	it.each([
		['not JSON', '{rows'],
		['an unknown dimension', JSON.stringify({ ...DEFAULT_REPORT, rows: 'shoeSize' })],
		['an unknown measure', JSON.stringify({ ...DEFAULT_REPORT, measure: 'profit' })],
		['a custom period it cannot work out', JSON.stringify({ ...DEFAULT_REPORT, period: 'custom' })],
		['a sort by a column’s place, not its key', JSON.stringify({ ...DEFAULT_REPORT, sortBy: 2 })],
		[
			'a sort by something that is no column',
			JSON.stringify({ ...DEFAULT_REPORT, sortBy: 'month' })
		],
		['a missing field', JSON.stringify({ ...DEFAULT_REPORT, colour: undefined })],
		['a huge text', JSON.stringify({ ...DEFAULT_REPORT, rows: 'province', pad: 'x'.repeat(6000) })],
		['not text', 42]
	])('refuses %s rather than showing another table under its name', (_, text) => {
		expect(readReportDefinition(text)).toBeNull();
	});
});

describe('saved reports', () => {
	it('are created, changed and removed as records colleagues share', () => {
		const ctx = memberContext();
		const made = createReport(ctx, { name: 'Products by month', definition: byMonth });
		if (!made.ok) throw new Error('refused');
		const stored = () =>
			readStored(reportKind, made.value, ctx.ws.doc.getMap('reports').get(made.value));
		expect(stored()).toMatchObject({ name: 'Products by month' });
		expect(readReportDefinition(stored()!.definition)).toEqual(byMonth);

		const colleague = memberContext('member-b');
		Y.applyUpdate(colleague.ws.doc, Y.encodeStateAsUpdate(ctx.ws.doc));
		expect(
			readStored(reportKind, made.value, colleague.ws.doc.getMap('reports').get(made.value))
		).toMatchObject({ name: 'Products by month' });

		const renamed = { name: 'Sales by month', definition: { ...byMonth, measure: 'revenue' } };
		expect(updateReport(ctx, made.value, renamed).ok).toBe(true);
		expect(stored()!.name).toBe('Sales by month');
		expect(readReportDefinition(stored()!.definition)!.measure).toBe('revenue');
		expect(createReport(ctx, { name: 'Bad', definition: { rows: 'nothing' } })).toEqual({
			ok: false,
			reason: 'invalid',
			problem: 'invalid'
		});
		expect(updateReport(ctx, 'missing', renamed)).toEqual({ ok: false, reason: 'notFound' });
		expect(deleteReport(ctx, made.value)).toBe(true);
		expect(stored()).toBeNull();
		expect(deleteReport(ctx, made.value)).toBe(false);
	});

	it('keep a colleague’s concurrent rename when this device changes the layout', () => {
		const ctx = memberContext();
		const made = createReport(ctx, { name: 'Products', definition: byMonth });
		if (!made.ok) throw new Error('refused');
		const colleague = memberContext('member-b');
		Y.applyUpdate(colleague.ws.doc, Y.encodeStateAsUpdate(ctx.ws.doc));

		updateReport(colleague, made.value, { name: 'Best sellers', definition: byMonth });
		updateReport(ctx, made.value, { name: 'Products', definition: { ...byMonth, colour: false } });
		Y.applyUpdate(ctx.ws.doc, Y.encodeStateAsUpdate(colleague.ws.doc));
		Y.applyUpdate(colleague.ws.doc, Y.encodeStateAsUpdate(ctx.ws.doc));

		for (const side of [ctx, colleague]) {
			const row = readStored(
				reportKind,
				made.value,
				side.ws.doc.getMap('reports').get(made.value)
			)!;
			expect(row.name).toBe('Best sellers');
			expect(readReportDefinition(row.definition)!.colour).toBe(false);
		}
	});

	it('read a stranger’s garbage as unreadable, never as another report', () => {
		const map = new Y.Map<unknown>();
		new Y.Doc().getMap('reports').set('odd', map);
		map.set('name', 'Odd');
		map.set('definition', 7);
		const row = readStored(reportKind, 'odd', map);
		expect(row).toMatchObject({ name: 'Odd', definition: '' });
		expect(readReportDefinition(row!.definition)).toBeNull();
		expect(readStored(reportKind, 'text', 'not a map')).toBeNull();
	});
});
