/**
 * Links that hand a message to the shopkeeper's own channels: the phone's SMS app, the mail
 * app, WeChat. Nothing is sent by Clientbook itself; it has no server to send from.
 */
export function smsLink(phone: string, text: string): string {
	// `?body=` is what Android and iOS both read (iOS also reads `&body=`).
	return `sms:${encodeURIComponent(phone.replace(/[^\d+]/g, ''))}?body=${encodeURIComponent(text)}`;
}

export function emailLink(email: string, subject: string, text: string): string {
	return `mailto:${encodeURIComponent(email)}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(text)}`;
}

/** WeChat opens with this link on a phone where it is installed; the message goes by paste. */
export const WECHAT_LINK = 'weixin://';
