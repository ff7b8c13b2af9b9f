import * as v from 'valibot';
import { args, command } from '../../core/command';
import { id, idList, productFields } from '../../core/arg-shapes';
import {
	createProduct,
	deleteProduct,
	mergeProducts,
	setProductActive,
	updateProduct
} from './product-commands';

/** The shop's catalogue. */
export const productCommands = {
	createProduct: command({ args: args(productFields), undo: 'step', run: createProduct }),
	updateProduct: command({ args: args(id, productFields), undo: 'step', run: updateProduct }),
	setProductActive: command({ args: args(id, v.boolean()), undo: 'step', run: setProductActive }),
	mergeProducts: command({
		args: args(id, idList),
		undo: 'step',
		audit: { action: 'merge' },
		run: mergeProducts
	}),
	deleteProduct: command({ args: args(id), undo: 'step', run: deleteProduct })
};
