import type { TableKind } from '../../core/record-kind';
import { num, str, type RecordMap } from '../../crdt/workspace-doc';
import type { TemplateOccasion, TemplateRow } from './rules/templates';

/** The occasions a template may be for (as in rules/templates.ts, whose rules load apart). */
const OCCASIONS: readonly string[] = [
	'birthday',
	'festival',
	'anniversary',
	'afterPurchase',
	'any'
];

export const TEMPLATES_ROOT = 'messageTemplates';

export function readTemplate(id: string, map: RecordMap): TemplateRow | null {
	const name = str(map, 'name');
	const occasion = str(map, 'occasion') as TemplateOccasion;
	if (!name) return null;
	return {
		id,
		name,
		occasion: OCCASIONS.includes(occasion) ? occasion : 'any',
		textEn: str(map, 'textEn'),
		textZh: str(map, 'textZh'),
		createdAt: num(map, 'createdAt'),
		updatedAt: num(map, 'updatedAt')
	};
}

/** Greeting templates, shared with colleagues. */
export const templateKind: TableKind<TemplateRow> = {
	root: TEMPLATES_ROOT,
	storage: 'entity',
	read: (id, map) => readTemplate(id, map as RecordMap),
	personal: { about: 'shop' },
	table: { name: 'messageTemplates', schema: 'id, name', version: 1 },
	summary: 'messageTemplates'
};
