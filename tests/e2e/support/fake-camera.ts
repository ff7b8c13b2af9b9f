import { writeFileSync } from 'node:fs';
import QRCode from 'qrcode';

/**
 * A video file for Chromium's fake camera (`--use-file-for-fake-video-capture`) that shows a QR
 * code of `text`, as a phone held up to a colleague's screen would see it. Y4M, 4:2:0, grey.
 */
export function writeQrVideo(path: string, text: string): void {
	const width = 640;
	const height = 480;
	const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
	const scale = Math.floor(Math.min(width, height) / (modules.size + 8));
	const left = Math.floor((width - modules.size * scale) / 2);
	const top = Math.floor((height - modules.size * scale) / 2);
	const luma = new Uint8Array(width * height).fill(235);
	for (let y = 0; y < modules.size * scale; y++) {
		for (let x = 0; x < modules.size * scale; x++) {
			if (modules.get(Math.floor(y / scale), Math.floor(x / scale))) {
				luma[(top + y) * width + left + x] = 16;
			}
		}
	}
	const chroma = new Uint8Array((width / 2) * (height / 2)).fill(128);
	const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma, chroma]);
	const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`);
	writeFileSync(path, Buffer.concat([header, frame, frame, frame]));
}
