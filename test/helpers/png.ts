/** The 8-byte PNG signature and the IHDR chunk's size, read straight from the bytes. */
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function pngInfo(bytes: Uint8Array): { signature: boolean; width: number; height: number } {
  const buf = Buffer.from(bytes);
  const signature = buf.subarray(0, 8).equals(PNG_SIGNATURE) && buf.toString('latin1', 12, 16) === 'IHDR';
  return { signature, width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}
