import type { ProductFields } from './rules/product-catalogue';
import { num, str, type RecordMap } from '../../crdt/workspace-doc';

export interface ProductRecord extends ProductFields {
	id: string;
	createdAt: number;
	/** The product this one was merged into (schema v7); its sales now count for that one. */
	mergedInto?: string;
}

export function readProduct(id: string, map: RecordMap): ProductRecord {
	return {
		id,
		name: str(map, 'name'),
		category: str(map, 'category'),
		priceCents: num(map, 'priceCents'),
		active: map.get('active') !== false,
		createdAt: num(map, 'createdAt'),
		...(typeof map.get('mergedInto') === 'string'
			? { mergedInto: map.get('mergedInto') as string }
			: {})
	};
}
