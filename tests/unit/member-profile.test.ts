import { describe, expect, it } from 'vitest';
import { setMemberProfile } from '../../src/lib/features/shop/member-commands';
import { readMember } from '../../src/lib/features/shop/member-records';
import {
	cleanMemberProfile,
	defaultMemberColor,
	deviceKind,
	MEMBER_COLORS
} from '../../src/lib/features/shop/rules/member-profile';
import { memberContext } from './helpers';

describe('member profiles', () => {
	it('need a name of at most 40 characters, tidied', () => {
		expect(cleanMemberProfile({ name: '  Li   Na ', color: 'green' })).toEqual({
			ok: true,
			value: { name: 'Li Na', color: 'green' }
		});
		expect(cleanMemberProfile({ name: '   ', color: 'green' })).toEqual({
			ok: false,
			error: 'validation.memberNameRequired'
		});
		expect(cleanMemberProfile({ name: '李'.repeat(41), color: 'green' })).toMatchObject({
			ok: false,
			error: 'validation.memberNameTooLong'
		});
	});

	it('get a stable default colour from the palette', () => {
		expect(defaultMemberColor('abc')).toBe(defaultMemberColor('abc'));
		expect(MEMBER_COLORS).toContain(defaultMemberColor('member-xyz'));
	});

	it('tell phones, tablets and computers apart', () => {
		expect(deviceKind('Mozilla/5.0 (Linux; Android 14; Pixel 7) Mobile Safari/537.36')).toBe(
			'phone'
		);
		expect(deviceKind('Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)')).toBe('phone');
		expect(deviceKind('Mozilla/5.0 (Linux; Android 13; SM-X200) Safari/537.36')).toBe('tablet');
		expect(deviceKind('Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X)')).toBe('tablet');
		expect(deviceKind('Mozilla/5.0 (X11; Linux x86_64) Chrome/130')).toBe('computer');
	});

	it('are written by each member under its own id, once per change', () => {
		const ctx = memberContext('li');
		let updates = 0;
		ctx.ws.doc.on('update', () => updates++);
		expect(setMemberProfile(ctx, { name: ' Li ', color: 'teal' })).toEqual({ ok: true });
		expect(readMember('li', ctx.ws.members.get('li'))).toMatchObject({ name: 'Li', color: 'teal' });
		setMemberProfile(ctx, { name: 'Li', color: 'teal' });
		expect(updates).toBe(1);
		expect(setMemberProfile(ctx, { name: '', color: 'teal' })).toMatchObject({ ok: false });
		expect(ctx.ws.members.size).toBe(1);
	});

	it('read from foreign writers safely', () => {
		expect(readMember('x', 'just a string')).toBeNull();
		expect(readMember('x', { name: '' })).toBeNull();
		expect(readMember('x', { name: 'Ann', color: 'neon' })).toMatchObject({
			name: 'Ann',
			color: 'gray',
			updatedAt: 0
		});
	});
});
