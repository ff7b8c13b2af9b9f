import type { TableKind } from '../../core/record-kind';
import { num, str, type RecordMap } from '../../crdt/workspace-doc';
import type { ReportRow } from './rules/report-definition';

export const REPORTS_ROOT = 'reports';

/**
 * A stored report as its row: the definition stays text, read where the report opens (see
 * `readReportDefinition`), so the projector's first load carries no schema for it.
 */
export function readReport(id: string, map: RecordMap): ReportRow | null {
	const name = str(map, 'name');
	if (!name) return null;
	const definition = map.get('definition');
	return {
		id,
		name,
		definition: typeof definition === 'string' ? definition : '',
		createdAt: num(map, 'createdAt'),
		updatedAt: num(map, 'updatedAt')
	};
}

/** Saved pivot reports, shared with colleagues. */
export const reportKind: TableKind<ReportRow> = {
	root: REPORTS_ROOT,
	storage: 'entity',
	read: (id, map) => readReport(id, map as RecordMap),
	personal: { about: 'shop' },
	table: { name: 'reports', schema: 'id, name', version: 1 },
	summary: 'reports'
};
