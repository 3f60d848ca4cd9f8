import 'server-only';
// A report's photo is decoded and re-encoded as a new JPEG on the server: EXIF (camera, time, GPS), XMP,
// IPTC and ICC blocks are not carried over, because sharp writes none unless asked (withMetadata). The
// EXIF orientation is applied first so the picture stays upright without its tag. Large photos are
// scaled down to 2048 px on the long side; anything that does not decode as an image is refused.
import sharp from 'sharp';

export const PHOTO_MAX_BYTES = 8 * 1024 * 1024;
const MAX_SIDE_PX = 2048;
/** Decompression-bomb guard: at most 50 megapixels are decoded. */
const MAX_INPUT_PIXELS = 50_000_000;
const ACCEPTED_FORMATS = new Set(['jpeg', 'png', 'webp']);

export class PhotoRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PhotoRefusedError';
  }
}

export interface StrippedPhoto {
  bytes: Uint8Array;
  width: number;
  height: number;
}

export async function stripPhoto(input: Uint8Array): Promise<StrippedPhoto> {
  if (input.byteLength > PHOTO_MAX_BYTES) throw new PhotoRefusedError(`photo must be at most ${PHOTO_MAX_BYTES / 1024 / 1024} MB`);
  let format: string | undefined;
  try {
    format = (await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS }).metadata()).format;
  } catch {
    throw new PhotoRefusedError('photo must be a JPEG, PNG or WebP image');
  }
  if (!format || !ACCEPTED_FORMATS.has(format)) throw new PhotoRefusedError('photo must be a JPEG, PNG or WebP image');
  try {
    const { data, info } = await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
      .rotate()
      .resize({ width: MAX_SIDE_PX, height: MAX_SIDE_PX, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 82, mozjpeg: false })
      .toBuffer({ resolveWithObject: true });
    return { bytes: new Uint8Array(data), width: info.width, height: info.height };
  } catch {
    throw new PhotoRefusedError('photo could not be read as an image');
  }
}
