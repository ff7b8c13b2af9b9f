import { expect, test } from './support/test';
import { createCustomer, customerList, openCustomers } from './support/app';
import { syncedColleagues } from './support/sync';

test('owner and staff: staff sees masked phones of customers not theirs and cannot export; the owner can', async ({
	browser
}) => {
	test.slow();
	// Li started the team: her device holds the owner's key.
	const { li, wang } = await syncedColleagues(browser);
	await openCustomers(li);
	await createCustomer(li, { name: 'Zhou Ping', phone: '13800138001' });

	await li.goto('/sync');
	const team = li.getByRole('region', { name: 'Roles in the team' });
	await team.getByLabel('Wang').selectOption({ label: 'Staff' });
	await expect(li.getByText('Wang is now Staff.')).toBeVisible();

	// On Wang's device, as it syncs: his role, masked contact details, no export.
	await wang.goto('/sync');
	await expect(wang.getByRole('region', { name: 'Roles in the team' })).toContainText(
		'Your role in this team: Staff.'
	);
	await openCustomers(wang);
	const row = customerList(wang).getByRole('link', { name: /Zhou Ping/ });
	await expect(row).toContainText('138****8001');
	await expect(row).not.toContainText('138 0013 8001');
	await row.click();
	await expect(wang.getByTestId('masked-phone')).toHaveText('138****8001');
	await expect(wang.getByRole('link', { name: /138/ })).toHaveCount(0);
	await wang.goto('/export');
	await expect(wang.getByRole('note')).toHaveText('Staff cannot do this. Ask the team’s owner.');
	await expect(wang.getByRole('button', { name: 'Download' })).toHaveCount(0);
	await wang.goto('/backup');
	await expect(wang.getByRole('note')).toHaveText('Staff cannot do this. Ask the team’s owner.');

	// The owner still sees everything and exports.
	await openCustomers(li);
	await expect(customerList(li).getByRole('link', { name: /Zhou Ping/ })).toContainText(
		'138 0013 8001'
	);
	await li.goto('/export');
	await expect(li.getByRole('button', { name: 'Download' })).toBeVisible();

	// Made a colleague again, Wang sees the number in full.
	await li.goto('/sync');
	await li
		.getByRole('region', { name: 'Roles in the team' })
		.getByLabel('Wang')
		.selectOption({ label: 'Colleague' });
	await expect(li.getByText('Wang is now Colleague.')).toBeVisible();
	await openCustomers(wang);
	await expect(customerList(wang).getByRole('link', { name: /Zhou Ping/ })).toContainText(
		'138 0013 8001'
	);
});
