/**
 * Links that hand a message to the shopkeeper's own channels: the phone's SMS app, the mail
 * app, WeChat. Nothing is sent by Clientbook itself; it has no server to send from. The SMS
 * link reads `sms:<number>?body=<text>` (what Android and iOS both read).
 */
export function smsAddress(phone: string): string {
	return encodeURIComponent(phone.replace(/[^\d+]/g, ''));
}

/** WeChat opens with this link on a phone where it is installed; the message goes by paste. */
export const WECHAT_LINK = 'weixin://';
