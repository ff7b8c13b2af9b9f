import {
	CUSTOM_FIELD_TYPES,
	type CustomFieldDef,
	type CustomFieldType
} from './rules/custom-fields';
import { num, str, type RecordMap } from '../../crdt/workspace-doc';

export interface FieldDefRecord extends CustomFieldDef {
	removed: boolean;
}

export function readFieldDef(id: string, map: RecordMap): FieldDefRecord {
	const type = str(map, 'type');
	const options = map.get('options');
	return {
		id,
		labelEn: str(map, 'labelEn'),
		labelZh: str(map, 'labelZh'),
		type: (CUSTOM_FIELD_TYPES as readonly string[]).includes(type)
			? (type as CustomFieldType)
			: 'text',
		// Each once: another program may write a choice twice, and lists are keyed by option.
		options: Array.isArray(options)
			? [...new Set(options.filter((o): o is string => typeof o === 'string'))]
			: [],
		showInList: map.get('showInList') === true,
		order: num(map, 'order'),
		removed: typeof map.get('removedAt') === 'number'
	};
}
