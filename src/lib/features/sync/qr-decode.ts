/**
 * Finds a QR code in an image: the browser's BarcodeDetector where it exists (fast, native),
 * jsQR otherwise (Firefox, older Safari, desktop Chromium on Linux).
 */
interface DetectedBarcode {
	rawValue: string;
}
interface BarcodeDetectorLike {
	detect(source: ImageBitmapSource): Promise<DetectedBarcode[]>;
}
type BarcodeDetectorConstructor = new (options: { formats: string[] }) => BarcodeDetectorLike;

function nativeDetector(): BarcodeDetectorLike | null {
	const Detector = (globalThis as { BarcodeDetector?: BarcodeDetectorConstructor }).BarcodeDetector;
	if (!Detector) return null;
	try {
		return new Detector({ formats: ['qr_code'] });
	} catch {
		return null;
	}
}

let detector: BarcodeDetectorLike | null | undefined;

/** The text of the first QR code in the canvas, or null. */
export async function decodeQr(canvas: HTMLCanvasElement): Promise<string | null> {
	detector ??= nativeDetector();
	if (detector) {
		try {
			const found = await detector.detect(canvas);
			if (found[0]) return found[0].rawValue;
			return null;
		} catch {
			// Some platforms expose the API without a QR engine; fall through to jsQR.
			detector = null;
		}
	}
	const context = canvas.getContext('2d', { willReadFrequently: true });
	if (!context) return null;
	const image = context.getImageData(0, 0, canvas.width, canvas.height);
	// Loaded only here: it is most of the sync page's code, and only a camera without a native
	// detector needs it.
	const { default: jsQR } = await import('jsqr');
	return jsQR(image.data, image.width, image.height)?.data ?? null;
}
