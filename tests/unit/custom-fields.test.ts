import { describe, expect, it } from 'vitest';
import {
	countFieldValues,
	createFieldDef,
	liveFieldDefs,
	removeFieldDef,
	updateFieldDef
} from '../../src/lib/features/custom-fields/custom-field-commands';
import { readFieldDef } from '../../src/lib/features/custom-fields/field-def-records';
import { createCustomer, updateCustomer } from '../../src/lib/features/customers/customer-commands';
import { createUndoManager } from '../../src/lib/crdt/undo';
import { liveCustomer, entityOf } from '../../src/lib/crdt/workspace-doc';
import {
	customValueMatches,
	fieldLabel,
	formatCustomValue,
	parseCustomValue,
	validateFieldDef,
	type CustomFieldDef
} from '../../src/lib/features/custom-fields/rules/custom-fields';
import { customer, memberContext } from './helpers';

const skinType = {
	labelEn: 'Skin type',
	labelZh: '肤质',
	type: 'choice' as const,
	options: ['Dry', 'Oily', 'Dry'],
	showInList: true
};

describe('custom field rules', () => {
	const def = (over: Partial<CustomFieldDef>): CustomFieldDef => ({
		id: 'f',
		labelEn: 'F',
		labelZh: '',
		type: 'text',
		options: [],
		showInList: false,
		order: 0,
		...over
	});

	it('needs a label in at least one language, and choices for choice fields', () => {
		expect(validateFieldDef(skinType)).toEqual({
			ok: true,
			value: { ...skinType, options: ['Dry', 'Oily'] }
		});
		expect(validateFieldDef({ ...skinType, labelEn: ' ', labelZh: '' })).toMatchObject({
			ok: false,
			errors: { labelEn: 'validation.labelRequired' }
		});
		expect(validateFieldDef({ ...skinType, options: [' '] })).toMatchObject({
			ok: false,
			errors: { options: 'validation.optionsRequired' }
		});
		expect(fieldLabel({ labelEn: '', labelZh: '肤质' }, 'en')).toBe('肤质');
		expect(fieldLabel({ labelEn: 'Skin type', labelZh: '肤质' }, 'zh-CN')).toBe('肤质');
	});

	it('parses form input per type, refusing what does not fit', () => {
		expect(parseCustomValue(def({ type: 'number' }), '1,200.5')).toEqual({
			ok: true,
			value: 1200.5
		});
		expect(parseCustomValue(def({ type: 'number' }), 'abc')).toEqual({
			ok: false,
			error: 'validation.numberInvalid'
		});
		expect(parseCustomValue(def({ type: 'date' }), '2026-02-30')).toEqual({
			ok: false,
			error: 'validation.dateInvalid'
		});
		expect(parseCustomValue(def({ type: 'choice', options: ['A'] }), 'B')).toEqual({
			ok: false,
			error: 'validation.choiceInvalid'
		});
		expect(parseCustomValue(def({ type: 'multiChoice', options: ['A', 'B'] }), ['B'])).toEqual({
			ok: true,
			value: ['B']
		});
		expect(parseCustomValue(def({ type: 'yesNo' }), true)).toEqual({ ok: true, value: true });
		expect(parseCustomValue(def({ type: 'text' }), '  ')).toEqual({ ok: true, value: null });
	});

	it('matches and formats stored values', () => {
		expect(customValueMatches(['Dry', 'Oily'], 'Oily')).toBe(true);
		expect(customValueMatches(true, 'true')).toBe(true);
		expect(customValueMatches(undefined, 'x')).toBe(false);
		expect(formatCustomValue(['Dry', 'Oily'], { yes: 'Yes', no: 'No' }, (d) => d)).toBe(
			'Dry, Oily'
		);
		expect(formatCustomValue(false, { yes: 'Yes', no: 'No' }, (d) => d)).toBe('No');
	});
});

describe('custom field commands', () => {
	it('reads each choice once, though another program wrote one twice', () => {
		// The form and the list filter key their options by the option itself.
		const { ctx, fieldId } = setup();
		entityOf(ctx.ws.fieldDefs, fieldId)!.set('options', ['Dry', 'Oily', 'Dry', 7]);
		expect(readFieldDef(fieldId, entityOf(ctx.ws.fieldDefs, fieldId)!).options).toEqual([
			'Dry',
			'Oily'
		]);
	});

	function setup() {
		const ctx = memberContext();
		const def = createFieldDef(ctx, skinType);
		const created = createCustomer(ctx, customer({ name: 'Ann' }));
		if (!def.ok || !created.ok) throw new Error('setup failed');
		return { ctx, fieldId: def.value, customerId: created.value };
	}

	it('stores a customer value that fits, and refuses one that does not', () => {
		const { ctx, fieldId, customerId } = setup();
		expect(updateCustomer(ctx, customerId, { custom: { [fieldId]: 'Oily' } })).toEqual({
			ok: true,
			value: 1
		});
		expect(liveCustomer(ctx.ws, customerId)?.custom).toEqual({ [fieldId]: 'Oily' });
		expect(updateCustomer(ctx, customerId, { custom: { [fieldId]: 'Sparkly' } })).toEqual({
			ok: false,
			reason: 'invalid',
			errors: { [`custom.${fieldId}`]: 'validation.choiceInvalid' }
		});
		expect(updateCustomer(ctx, customerId, { custom: { unknown: 'x' } })).toMatchObject({
			ok: false
		});
	});

	it('renaming keeps values; changing the type is refused while values exist', () => {
		const { ctx, fieldId, customerId } = setup();
		updateCustomer(ctx, customerId, { custom: { [fieldId]: 'Dry' } });
		expect(updateFieldDef(ctx, fieldId, { ...skinType, labelEn: 'Skin' })).toEqual({
			ok: true,
			value: fieldId
		});
		expect(liveCustomer(ctx.ws, customerId)?.custom[fieldId]).toBe('Dry');
		expect(updateFieldDef(ctx, fieldId, { ...skinType, type: 'text' })).toEqual({
			ok: false,
			reason: 'invalid',
			errors: { type: 'validation.typeLocked' }
		});
	});

	it('removing a field keeps every value, and undo brings the field back', () => {
		const { ctx, fieldId, customerId } = setup();
		const undo = createUndoManager(ctx.ws, ctx.origin);
		updateCustomer(ctx, customerId, { custom: { [fieldId]: 'Dry' } });
		expect(countFieldValues(ctx.ws, fieldId)).toBe(1);
		removeFieldDef(ctx, fieldId);
		expect(liveFieldDefs(ctx.ws)).toEqual([]);
		expect(liveCustomer(ctx.ws, customerId)?.custom[fieldId]).toBe('Dry');
		// Other edits to the customer leave the hidden value alone.
		expect(updateCustomer(ctx, customerId, { city: '上海' })).toEqual({ ok: true, value: 1 });
		undo.undo();
		undo.undo();
		expect(liveFieldDefs(ctx.ws).map((def) => def.labelEn)).toEqual(['Skin type']);
	});
});
