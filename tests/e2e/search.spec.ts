import { expect, test } from './support/test';
import { createCustomers, customerList } from './support/app';

test('search finds customers by characters, pinyin, initials and phone fragments', async ({
	page
}) => {
	await createCustomers(page, [
		{ name: '张三', phone: '138 0013 8000' },
		{ name: '李四', phone: '139-1234-5678' },
		{ name: 'John Smith', email: 'john@example.com' }
	]);
	const search = page.getByRole('searchbox', { name: 'Search customers' });
	const list = customerList(page);
	const count = page.getByText(/of 3 customers/);
	await expect(count).toHaveText('3 of 3 customers');

	for (const query of ['zs', '张', 'zhangsan', 'zhang san', '0013', '+86 138 0013 8000']) {
		await search.fill(query);
		await expect(count, query).toHaveText('1 of 3 customers');
		await expect(list.getByRole('link', { name: /张三/ }), query).toBeVisible();
	}

	await search.fill('1234');
	await expect(list.getByRole('link', { name: /李四/ })).toBeVisible();
	await expect(count).toHaveText('1 of 3 customers');

	await search.fill('example.com');
	await expect(list.getByRole('link', { name: /John Smith/ })).toBeVisible();

	const noMatch = page.getByRole('heading', { name: 'No customers match' });
	await search.fill('nobody here');
	await expect(noMatch).toBeVisible();
	// The list stays mounted behind the notice, out of sight and out of the accessibility tree…
	await expect(list).toBeHidden();
	// …and a query that finds customers again shows them (the phone fragment starts at 4 digits).
	await search.fill('123');
	await expect(noMatch).toBeVisible();
	await search.fill('1234');
	await expect(noMatch).toBeHidden();
	await expect(list.getByRole('link', { name: /李四/ })).toBeVisible();
	await expect(list.getByRole('link')).toHaveCount(1);
	await search.fill('nobody here');
	await expect(noMatch).toBeVisible();
	await page.getByRole('button', { name: 'Clear search and filters' }).click();
	await expect(search).toHaveValue('');
	await expect(count).toHaveText('3 of 3 customers');
});

test('filters by tag and stage, and sorts by name or recent change', async ({ page }) => {
	await createCustomers(page, [
		{ name: 'Bella', tags: 'VIP, tea', stage: 'VIP' },
		{ name: 'Adam', tags: 'tea', stage: 'Active' },
		{ name: 'Chen Yu', stage: 'Lost' }
	]);
	const list = customerList(page);
	const count = page.getByText(/of 3 customers/);

	await expect(list.getByRole('link').first()).toContainText('Adam');
	await page.getByLabel('Sort by').selectOption({ label: 'Recently updated' });
	await expect(list.getByRole('link').first()).toContainText('Chen Yu');

	await page.getByLabel('Tag', { exact: true }).selectOption('tea');
	await expect(count).toHaveText('2 of 3 customers');
	await page.getByLabel('Stage', { exact: true }).selectOption({ label: 'VIP' });
	await expect(count).toHaveText('1 of 3 customers');
	await expect(list.getByRole('link', { name: /Bella/ })).toBeVisible();
});
