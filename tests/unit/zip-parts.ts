import { deflateRawSync, inflateRawSync } from 'node:zlib';

/**
 * Takes zips (workbooks) apart and puts them back together with chosen lies in their headers,
 * so tests can build the files a hostile workbook would be: parts that unpack to far more
 * than they declare, sizes left out, Zip64 fields.
 */
export interface ZipPart {
	name: string;
	data: Uint8Array;
	/** Already compressed bytes to store instead of deflating `data`. */
	compressed?: Uint8Array;
	/** Sizes to declare instead of the true ones (central directory, local header). */
	declare?: { central?: number; local?: number };
	/** Sets the data-descriptor flag (sizes left out of the local header). */
	descriptor?: boolean;
	/** Adds a Zip64 extra field to the local header. */
	zip64?: boolean;
}

export function unzipParts(bytes: Uint8Array): ZipPart[] {
	const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	let end = buf.length - 22;
	while (buf.readUInt32LE(end) !== 0x06054b50) end--;
	const count = buf.readUInt16LE(end + 10);
	let at = buf.readUInt32LE(end + 16);
	const parts: ZipPart[] = [];
	for (let i = 0; i < count; i++) {
		const nameLength = buf.readUInt16LE(at + 28);
		const extraLength = buf.readUInt16LE(at + 30);
		const commentLength = buf.readUInt16LE(at + 32);
		const method = buf.readUInt16LE(at + 10);
		const size = buf.readUInt32LE(at + 20);
		const local = buf.readUInt32LE(at + 42);
		const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
		const raw = buf.subarray(start, start + size);
		parts.push({
			name: buf.subarray(at + 46, at + 46 + nameLength).toString('latin1'),
			data: new Uint8Array(method === 8 ? inflateRawSync(raw) : raw)
		});
		at += 46 + nameLength + extraLength + commentLength;
	}
	return parts;
}

export function zipParts(parts: readonly ZipPart[]): Uint8Array {
	const locals: Buffer[] = [];
	const directory: Buffer[] = [];
	let offset = 0;
	for (const part of parts) {
		const name = Buffer.from(part.name, 'latin1');
		const body = Buffer.from(part.compressed ?? deflateRawSync(part.data));
		const size = part.data.length;
		const extra = part.zip64 ? Buffer.alloc(20) : Buffer.alloc(0);
		if (part.zip64) {
			extra.writeUInt16LE(0x0001, 0);
			extra.writeUInt16LE(16, 2);
			extra.writeBigUInt64LE(BigInt(size), 4);
			extra.writeBigUInt64LE(BigInt(body.length), 12);
		}
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(20, 4);
		local.writeUInt16LE(part.descriptor ? 8 : 0, 6);
		local.writeUInt16LE(8, 8);
		local.writeUInt32LE(part.descriptor ? 0 : body.length, 18);
		local.writeUInt32LE(part.descriptor ? 0 : (part.declare?.local ?? size), 22);
		local.writeUInt16LE(name.length, 26);
		local.writeUInt16LE(extra.length, 28);
		const trailer = Buffer.alloc(part.descriptor ? 16 : 0);
		if (part.descriptor) {
			trailer.writeUInt32LE(0x08074b50, 0);
			trailer.writeUInt32LE(body.length, 8);
			trailer.writeUInt32LE(part.declare?.central ?? size, 12);
		}
		const entry = Buffer.alloc(46);
		entry.writeUInt32LE(0x02014b50, 0);
		entry.writeUInt16LE(20, 4);
		entry.writeUInt16LE(20, 6);
		entry.writeUInt16LE(part.descriptor ? 8 : 0, 8);
		entry.writeUInt16LE(8, 10);
		entry.writeUInt32LE(body.length, 20);
		entry.writeUInt32LE(part.declare?.central ?? size, 24);
		entry.writeUInt16LE(name.length, 28);
		entry.writeUInt32LE(offset, 42);
		locals.push(local, name, extra, body, trailer);
		directory.push(entry, name);
		offset += local.length + name.length + extra.length + body.length + trailer.length;
	}
	const central = Buffer.concat(directory);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(parts.length, 8);
	end.writeUInt16LE(parts.length, 10);
	end.writeUInt32LE(central.length, 12);
	end.writeUInt32LE(offset, 16);
	return new Uint8Array(Buffer.concat([...locals, central, end]));
}
