import { describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { calendarFile } from '../../src/lib/features/care/calendar-file';
import { festivalsBetween } from '../../src/lib/features/care/rules/occasions';
import { customerOccasions } from '../../src/lib/features/care/rules/occasions';
import * as Y from 'yjs';
import { readTemplate } from '../../src/lib/features/care/kinds';
import {
	TEMPLATE_OCCASIONS,
	renderTemplate,
	templateText,
	validateTemplate
} from '../../src/lib/features/care/rules/templates';

function events(text: string) {
	const component = new ICAL.Component(ICAL.parse(text));
	return component.getAllSubcomponents('vevent').map((vevent) => {
		const event = new ICAL.Event(vevent);
		return {
			uid: event.uid,
			summary: event.summary,
			start: event.startDate.isDate
				? event.startDate.toString()
				: event.startDate.toJSDate().getTime(),
			allDay: event.startDate.isDate,
			alarms: vevent.getAllSubcomponents('valarm').length
		};
	});
}

describe('the calendar file', () => {
	it('parses with a standard iCalendar parser: lunar birthdays, festivals, follow-ups, alarms', () => {
		const lunar = customerOccasions(
			{
				id: 'c1',
				birthday: '1990-08-15',
				birthdayCalendar: 'lunar',
				createdAt: 0,
				lastPurchaseAt: null
			},
			'2027-01-01',
			'2027-12-31',
			0
		);
		const festivals = festivalsBetween('2026-01-01', '2026-12-31');
		const text = calendarFile(
			'Clientbook',
			[
				...lunar.map((o) => ({ uid: `birthday-c1-${o.day}`, day: o.day, title: '王芳 birthday' })),
				...festivals.map((f) => ({ uid: `festival-${f.day}`, day: f.day, title: f.festival! }))
			],
			[{ uid: 'task-1', day: '2026-12-08', time: '14:30', title: 'Call 王芳' }],
			Date.UTC(2026, 11, 7)
		);
		const parsed = events(text);
		expect(parsed).toContainEqual({
			uid: 'birthday-c1-2027-09-15',
			summary: '王芳 birthday',
			start: '2027-09-15',
			allDay: true,
			alarms: 1
		});
		expect(parsed.find((e) => e.summary === 'springFestivalEve')?.start).toBe('2026-02-16');
		const task = parsed.find((e) => e.uid === 'task-1');
		expect(task).toMatchObject({
			start: new Date(2026, 11, 8, 14, 30).getTime(),
			allDay: false,
			alarms: 1
		});
		expect(parsed).toHaveLength(1 + 13 + 1);
	});
});

describe('message templates', () => {
	const values = {
		name: '<img src=x onerror=alert(1)>',
		tier: 'Gold',
		points: '250',
		coupon: 'AB23CD45',
		shop: 'Tea House'
	};

	it('fills in placeholders as text, leaving unknown ones as typed', () => {
		expect(
			renderTemplate('Hi {name}, {tier} member with {points} points. {unknown} {coupon}', values)
		).toBe('Hi <img src=x onerror=alert(1)>, Gold member with 250 points. {unknown} AB23CD45');
		// A value that looks like a placeholder is not filled in again.
		expect(renderTemplate('{name}', { ...values, name: '{shop}' })).toBe('{shop}');
	});

	it('picks the language asked for, else the other', () => {
		expect(templateText({ textEn: 'Hi', textZh: '您好' }, 'zh-CN')).toBe('您好');
		expect(templateText({ textEn: 'Hi', textZh: '' }, 'zh-CN')).toBe('Hi');
	});

	it('reads back every occasion a template may be for', () => {
		for (const occasion of TEMPLATE_OCCASIONS) {
			const map = new Y.Map<unknown>();
			new Y.Doc().getMap('t').set('t1', map);
			map.set('name', 'Hi');
			map.set('occasion', occasion);
			expect(readTemplate('t1', map)?.occasion).toBe(occasion);
		}
	});

	it('needs a name and a text in one language', () => {
		expect(validateTemplate({ name: '', occasion: 'any', textEn: '', textZh: '' })).toEqual({
			name: 'validation.required',
			textEn: 'care.errors.textRequired'
		});
	});
});
