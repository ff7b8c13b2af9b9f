import * as v from 'valibot';
import { args, command } from '../../core/command';
import { id, shape, text } from '../../core/arg-shapes';

const pipelineFields = shape({
	name: text,
	lostReasons: v.array(text),
	stages: v.array(
		shape({
			id: text,
			name: text,
			kind: text,
			probability: v.number(),
			staleAfterDays: v.number()
		})
	)
});

export const dealFields = shape({
	title: text,
	customerId: text,
	valueCents: v.number(),
	lines: v.array(shape({ product: text, quantity: v.number(), unitPriceCents: v.number() })),
	pipelineId: text,
	stageId: text,
	probability: v.nullable(v.number()),
	closeDate: text,
	ownerId: text,
	source: text,
	nextStep: text,
	nextStepDate: text,
	notes: text
});

const newLead = v.nullable(shape({ name: text, phone: text }));

// Loaded on first use: the worker's first load (part of the first route's budget) need not
// carry them.
const load = () => import('./deal-commands');

/** Sales pipelines and the deals moving through them. */
export const dealCommands = {
	createPipeline: command({
		args: args(pipelineFields),
		undo: 'step',
		load: async () => (await load()).createPipeline
	}),
	updatePipeline: command({
		args: args(id, pipelineFields),
		undo: 'step',
		load: async () => (await load()).updatePipeline
	}),
	deletePipeline: command({
		args: args(id),
		undo: 'step',
		load: async () => (await load()).deletePipeline
	}),
	createDeal: command({
		args: args(dealFields, newLead),
		undo: 'step',
		load: async () => (await load()).createDeal
	}),
	updateDeal: command({
		// Only the fields the shopkeeper changed: a colleague's changes to the others stand.
		args: args(id, shape({})),
		undo: 'step',
		load: async () => (await load()).updateDeal
	}),
	moveDeal: command({
		args: args(id, id, text),
		undo: 'step',
		load: async () => (await load()).moveDeal
	}),
	winDeal: command({
		args: args(id, id, v.nullable(shape({ at: v.number(), payment: text, channel: text }))),
		undo: 'step',
		// Its purchase earns points and may use a coupon, as any purchase: those load first.
		load: async () => {
			const [commands] = await Promise.all([
				load(),
				import('../activity/purchase-effects').then((effects) => effects.loadPurchaseEffects())
			]);
			return commands.winDeal;
		}
	}),
	deleteDeal: command({
		args: args(id),
		undo: 'step',
		load: async () => (await load()).deleteDeal
	})
};
