import type { CommandContext } from '../../core/command-context';
import { changeEntity, insertEntity, removeRecord } from '../../crdt/entity-writes';
import { TEMPLATES_ROOT } from './kinds';
import { readCareSettings, type CareSettings } from './rules/care-settings';
import { validateTemplate, type TemplateFields } from './rules/templates';

import { CARE_SETTINGS_KEY } from './care-keys';

type TemplateResult<T> =
	| { ok: true; value: T }
	| { ok: false; reason: 'invalid'; errors: Partial<Record<keyof TemplateFields, string>> }
	| { ok: false; reason: 'notFound' };

const stored = (fields: TemplateFields) => ({
	name: fields.name.trim(),
	occasion: fields.occasion,
	textEn: fields.textEn.trim(),
	textZh: fields.textZh.trim()
});

export function createTemplate(
	ctx: CommandContext,
	fields: TemplateFields
): TemplateResult<string> {
	const errors = validateTemplate(fields);
	if (Object.keys(errors).length > 0) return { ok: false, reason: 'invalid', errors };
	return { ok: true, value: insertEntity(ctx, ctx.ws.doc.getMap(TEMPLATES_ROOT), stored(fields)) };
}

export function updateTemplate(
	ctx: CommandContext,
	id: string,
	fields: TemplateFields
): TemplateResult<true> {
	const errors = validateTemplate(fields);
	if (Object.keys(errors).length > 0) return { ok: false, reason: 'invalid', errors };
	return changeEntity(ctx, ctx.ws.doc.getMap(TEMPLATES_ROOT), id, stored(fields))
		? { ok: true, value: true }
		: { ok: false, reason: 'notFound' };
}

export function deleteTemplate(ctx: CommandContext, id: string): boolean {
	return removeRecord(ctx, ctx.ws.doc.getMap(TEMPLATES_ROOT), id);
}

export function setCareSettings(ctx: CommandContext, settings: CareSettings): void {
	const clean = readCareSettings({ ...settings, shopName: settings.shopName.trim() });
	ctx.ws.doc.transact(() => ctx.ws.meta.set(CARE_SETTINGS_KEY, { ...clean }), ctx.origin);
}
