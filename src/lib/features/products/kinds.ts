import type { TableKind } from '../../core/record-kind';
import { readProduct } from './product-records';
import type { RecordMap } from '../../crdt/workspace-doc';
import type { ProductRow } from '../../projection/db';

/** The shop's catalogue. */
export const productKind: TableKind<ProductRow> = {
	root: 'products',
	storage: 'entity',
	read: (id, map) => readProduct(id, map as RecordMap),
	personal: { about: 'shop' },
	table: { name: 'products', schema: 'id, name', version: 1 },
	summary: 'products'
};
