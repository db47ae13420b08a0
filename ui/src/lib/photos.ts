// The photo library's form data: the licences the app knows and the details of a
// photo as the backend takes them.

import type { NewPhoto, Photo } from './api';

const CC_KINDS = ['CC-BY', 'CC-BY-SA', 'CC-BY-NC', 'CC-BY-NC-SA', 'CC-BY-ND', 'CC-BY-NC-ND'];

/** Every licence id the app accepts, newest versions first. */
export const LICENCES: readonly string[] = [
  'CC0-1.0',
  'public-domain',
  ...['4.0', '3.0', '2.0'].flatMap((version) => CC_KINDS.map((kind) => `${kind}-${version}`)),
  'all-rights-reserved',
];

/** Whether a licence needs its creator named (everything but the public domain). */
export function needsCreator(licence: string): boolean {
  return licence !== 'CC0-1.0' && licence !== 'public-domain';
}

export function detailsOf(photo: Photo): NewPhoto {
  const { key, alt, caption, title, creator, sourceName, sourceUrl, licence, permission } = photo;
  return { key, alt, caption, title, creator, sourceName, sourceUrl, licence, permission };
}

export function blankPhoto(key: string): NewPhoto {
  return { key, alt: '', caption: '', title: '', creator: '', sourceName: '', sourceUrl: '', licence: 'CC-BY-4.0', permission: '' };
}

const IMAGE = /\.(jpe?g|png|webp|gif)$/i;

export function isImagePath(path: string): boolean {
  return IMAGE.test(path);
}

/** A photo key from a file name: `Ash Cloud (1).JPG` → `ash-cloud-1`. */
export function keyFromPath(path: string): string {
  const name = path.split(/[\\/]/).at(-1) ?? path;
  return name
    .replace(/\.[^.]+$/, '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
