import { describe, expect, it } from 'vitest';
import { nextTask } from '../../src/lib/shell-boot/next-task';

describe('nextTask', () => {
	it('resolves in a later task, after every pending microtask', async () => {
		const order: string[] = [];
		const task = nextTask().then(() => order.push('next task'));
		void Promise.resolve()
			.then(() => order.push('microtask'))
			.then(() => order.push('chained microtask'));
		expect(order).toEqual([]);
		await task;
		expect(order).toEqual(['microtask', 'chained microtask', 'next task']);
	});
});
