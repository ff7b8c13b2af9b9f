import type { DeviceKind } from '$lib/features/shop/rules/member-profile';
import { t, type MessageKey } from '$lib/i18n/i18n.svelte';
import type { SyncStatus } from '$lib/features/sync/sync-status';

/** The sync indicator's words, in the user's language. */
export function syncStatusText(status: SyncStatus): string {
	switch (status.kind) {
		case 'off':
			return t('sync.statusOff');
		case 'paused':
			return t('sync.statusPaused');
		case 'offline':
			return t('sync.statusOffline');
		case 'connecting':
			return t('sync.statusConnecting');
		case 'waiting':
			return t('sync.statusWaiting');
		case 'syncing':
			return status.progress === null
				? t('sync.statusSyncing')
				: t('sync.statusReceiving', { percent: Math.floor(status.progress * 100) });
		case 'synced':
			if (status.peers === 0) return t('sync.statusSyncedRelay');
			return t('sync.statusSynced', { count: status.peers });
	}
}

const DEVICE_KEYS: Record<DeviceKind, MessageKey> = {
	phone: 'sync.devicePhone',
	tablet: 'sync.deviceTablet',
	computer: 'sync.deviceComputer'
};

export const deviceText = (device: DeviceKind) => t(DEVICE_KEYS[device]);
