import type { TableKind } from '../../core/record-kind';
import type { RecordMap } from '../../crdt/workspace-doc';
import { readSegment, SEGMENTS_ROOT, type SegmentRow } from './segment-commands';

/** Saved segments, shared with colleagues. */
export const segmentKind: TableKind<SegmentRow> = {
	root: SEGMENTS_ROOT,
	storage: 'entity',
	read: (id, map) => readSegment(id, map as RecordMap),
	table: { name: 'segments', schema: 'id, name', version: 1 },
	summary: 'segments'
};
