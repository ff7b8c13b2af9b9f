import type { TableKind } from '../../core/record-kind';
import { num, str, type RecordMap } from '../../crdt/workspace-doc';
import { isTagColor } from '../tags/rules/tags';
import type { SegmentRow } from './rules/segment';

export const SEGMENTS_ROOT = 'segments';

/**
 * A stored segment as its row: the definition stays text, read where a segment is used (see
 * `readDefinition`), so the projector's first load carries no schema for it.
 */
export function readSegment(id: string, map: RecordMap): SegmentRow | null {
	const name = str(map, 'name');
	if (!name) return null;
	const color = map.get('color');
	const definition = map.get('definition');
	return {
		id,
		name,
		color: isTagColor(color) ? color : 'gray',
		definition: typeof definition === 'string' ? definition : '',
		createdAt: num(map, 'createdAt'),
		updatedAt: num(map, 'updatedAt')
	};
}

/** Saved segments, shared with colleagues. */
export const segmentKind: TableKind<SegmentRow> = {
	root: SEGMENTS_ROOT,
	storage: 'entity',
	read: (id, map) => readSegment(id, map as RecordMap),
	personal: { about: 'shop' },
	table: { name: 'segments', schema: 'id, name', version: 1 },
	summary: 'segments'
};
