import { expect, type Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';

export function fixturePath(name: string): string {
	return fileURLToPath(new URL(`../../fixtures/import/${name}`, import.meta.url));
}

/** Opens the import wizard and picks a file; ends on the column-matching step. */
export async function chooseImportFile(page: Page, fileOrPath: string): Promise<void> {
	await page.goto('/import');
	await expect(page.getByRole('heading', { level: 1, name: 'Import customers' })).toBeVisible();
	await page.getByLabel('Import file').setInputFiles(fileOrPath);
	await expect(page.getByRole('heading', { name: 'Match the columns' })).toBeVisible();
}

/** Checks the rows and imports them with the given choice for duplicates; ends on "finished". */
export async function checkAndImport(
	page: Page,
	duplicates?: 'Skip' | 'Fill in empty fields' | 'Overwrite with the file’s values'
): Promise<void> {
	await page.getByRole('button', { name: 'Check rows' }).click();
	await expect(page.getByRole('heading', { name: 'Review before importing' })).toBeVisible();
	if (duplicates) await page.getByLabel('For all of them').selectOption({ label: duplicates });
	await page.getByRole('button', { name: /^Import (one|\d+) customers?$/ }).click();
	await expect(page.getByRole('heading', { name: 'Import finished' })).toBeVisible();
}
