// Chromium reaches for Google's services at start; this machine (and many CI hosts) has no
// network, so those background calls are switched off.
export const CHROMIUM_ARGS = [
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-quic',
	'--no-first-run',
	// WebRTC between two contexts on one host: offer the real host address rather than an
	// mDNS name, which nothing on a headless CI machine answers.
	'--disable-features=WebRtcHideLocalIpsWithMdns'
];
