/**
 * Writes a zip archive (an .xlsx file is one): each entry deflated by the platform's own compressor
 * (CompressionStream "deflate-raw": native zlib in Node and in browsers, no compression code shipped), or stored
 * uncompressed where the platform has none, which every zip reader accepts too. Entries keep the order given and one
 * date, so the same entries give the same bytes.
 */

export interface ZipEntry {
  readonly path: string;
  /** Text, written as UTF-8. */
  readonly content: string;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = CRC_TABLE[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** Whether this platform compresses "deflate-raw" itself (Node 20.12+, current browsers). */
function canDeflate(): boolean {
  try {
    new CompressionStream("deflate-raw");
    return true;
  } catch {
    return false;
  }
}

async function deflateRaw(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  const stream = new CompressionStream("deflate-raw");
  const writer = stream.writable.getWriter();
  // Written and read at once: the stream holds back a write until its output is read.
  const [, , deflated] = await Promise.all([
    writer.write(bytes),
    writer.close(),
    new Response(stream.readable).arrayBuffer(),
  ]);
  return new Uint8Array(deflated);
}

/** A date as MS-DOS stores it: two-second steps, from 1980; read as UTC. */
function dosDateTime(date: Date): { time: number; date: number } {
  const year = Math.min(Math.max(date.getUTCFullYear(), 1980), 2107);
  return {
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2),
    date: ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
  };
}

/** The zip archive of the entries, all dated `date`. */
export async function zip(entries: readonly ZipEntry[], date: Date): Promise<Uint8Array> {
  const encoder = new TextEncoder();
  const deflate = canDeflate();
  const when = dosDateTime(date);
  const method = deflate ? 8 : 0;
  const datas = entries.map((entry) => encoder.encode(entry.content));
  const compressions = await Promise.all(datas.map((data) => (deflate ? deflateRaw(data) : data)));
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const [index, entry] of entries.entries()) {
    const name = encoder.encode(entry.path);
    const data = datas[index];
    const compressed = compressions[index];
    const crc = crc32(data);
    // Local file header, then the data.
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, 0x04034b50, true);
    local.setUint16(4, 20, true); // version needed: 2.0
    local.setUint16(6, 0x0800, true); // flags: names in UTF-8
    local.setUint16(8, method, true);
    local.setUint16(10, when.time, true);
    local.setUint16(12, when.date, true);
    local.setUint32(14, crc, true);
    local.setUint32(18, compressed.length, true);
    local.setUint32(22, data.length, true);
    local.setUint16(26, name.length, true);
    local.setUint16(28, 0, true);
    chunks.push(new Uint8Array(local.buffer), name, compressed);
    // Its central directory record.
    const record = new DataView(new ArrayBuffer(46));
    record.setUint32(0, 0x02014b50, true);
    record.setUint16(4, 20, true); // made by: version 2.0, MS-DOS attributes
    record.setUint16(6, 20, true);
    record.setUint16(8, 0x0800, true);
    record.setUint16(10, method, true);
    record.setUint16(12, when.time, true);
    record.setUint16(14, when.date, true);
    record.setUint32(16, crc, true);
    record.setUint32(20, compressed.length, true);
    record.setUint32(24, data.length, true);
    record.setUint16(28, name.length, true);
    record.setUint32(42, offset, true);
    central.push(new Uint8Array(record.buffer), name);
    offset += 30 + name.length + compressed.length;
  }
  const centralSize = central.reduce((sum, chunk) => sum + chunk.length, 0);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, entries.length, true);
  end.setUint16(10, entries.length, true);
  end.setUint32(12, centralSize, true);
  end.setUint32(16, offset, true);
  const all = [...chunks, ...central, new Uint8Array(end.buffer)];
  const bytes = new Uint8Array(offset + centralSize + 22);
  let at = 0;
  for (const chunk of all) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return bytes;
}

/** Bytes as base64, in any JavaScript platform (btoa over chunks of the binary string). */
export function base64(bytes: Uint8Array): string {
  let binary = "";
  for (let at = 0; at < bytes.length; at += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  }
  return btoa(binary);
}
