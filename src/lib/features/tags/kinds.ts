import type { TableKind } from '../../core/record-kind';
import type { TagColorRow } from '../../projection/db';
import { isTagColor } from './rules/tags';

/** A colour per tag (tags themselves live on their customers). */
export const tagColorKind: TableKind<TagColorRow> = {
	root: 'tagColors',
	storage: 'value',
	read: (tag, color) => (isTagColor(color) ? { tag, color } : null),
	personal: { about: 'shop' },
	table: { name: 'tagColors', schema: 'tag', version: 1 }
};
