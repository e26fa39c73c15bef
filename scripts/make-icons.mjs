#!/usr/bin/env node
// Writes the add-in's icons, assets/icon-{16,32,64,80,128}.png: a blue rounded square with three white bars of
// unequal height (shares of one total). Plain Node (zlib), no dependencies; the PNGs are committed, so this only runs
// when the design changes:  node scripts/make-icons.mjs

import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { deflateSync } from "node:zlib";

const SIZES = [16, 32, 64, 80, 128];
const BACKGROUND = [15, 108, 189]; // #0f6cbd
const FOREGROUND = [255, 255, 255];
/** Bars as fractions of the icon: [left, right, top]; all end at the same baseline. */
const BARS = [
  [0.2, 0.36, 0.3],
  [0.42, 0.58, 0.5],
  [0.64, 0.8, 0.64],
];
const BASELINE = 0.8;
const CORNER = 0.18;

const outDir = join(resolve(dirname(fileURLToPath(import.meta.url)), ".."), "assets");

/** CRC-32 as PNG chunks need it (ISO 3309 polynomial). */
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** Coverage (0..1) of pixel (x, y) by the rounded square, sampled 4x4 for smooth edges. */
function pixel(size, x, y) {
  const samples = 4;
  let inside = 0;
  let onBar = 0;
  for (let i = 0; i < samples; i++) {
    for (let j = 0; j < samples; j++) {
      const u = (x + (i + 0.5) / samples) / size;
      const v = (y + (j + 0.5) / samples) / size;
      const dx = Math.max(CORNER - u, 0, u - (1 - CORNER));
      const dy = Math.max(CORNER - v, 0, v - (1 - CORNER));
      if (dx * dx + dy * dy > CORNER * CORNER) continue;
      inside++;
      if (BARS.some(([left, right, top]) => u >= left && u < right && v >= top && v < BASELINE)) onBar++;
    }
  }
  const total = samples * samples;
  const barShare = inside === 0 ? 0 : onBar / inside;
  const rgb = BACKGROUND.map((b, k) => Math.round(b + (FOREGROUND[k] - b) * barShare));
  return [...rgb, Math.round((255 * inside) / total)];
}

function png(size) {
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4); // filter byte 0 (none), then RGBA
    for (let x = 0; x < size; x++) Buffer.from(pixel(size, x, y)).copy(row, 1 + x * 4);
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit, RGBA, deflate, adaptive filtering, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

mkdirSync(outDir, { recursive: true });
for (const size of SIZES) {
  const file = join(outDir, `icon-${size}.png`);
  writeFileSync(file, png(size));
  console.log(`wrote assets/icon-${size}.png`);
}
