/**
 * Links that hand a message to the shopkeeper's own channels: the phone's SMS app, the mail
 * app (see customers/rules/contact-links.ts), WeChat. Nothing is sent by Clientbook itself; it
 * has no server to send from.
 */

/** WeChat opens with this link on a phone where it is installed; the message goes by paste. */
export const WECHAT_LINK = 'weixin://';
