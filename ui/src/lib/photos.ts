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

/** A photo waiting in the photo form for its credit. */
export interface PhotoToAdd {
  /** A file on this computer, or an image pasted into the editor (its bytes). */
  file: { path: string } | { pasted: Blob };
  /** What is known of it already: its alt text, the address it was at. */
  alt: string;
  sourceUrl: string;
  /** The article of an issue it was pasted into: it becomes its lead photo, if it has none. */
  leadOf: { number: number; position: number } | null;
}

/** A file to add, with nothing known of it yet (chosen or dropped). */
export function fileToAdd(path: string): PhotoToAdd {
  return { file: { path }, alt: '', sourceUrl: '', leadOf: null };
}

/** How the photo form names what it adds. */
export function nameOf(photo: PhotoToAdd): string {
  return 'path' in photo.file ? (photo.file.path.split(/[\\/]/).at(-1) ?? photo.file.path) : 'pasted image';
}

/** The key the photo form starts with: from the file name, else from the alt text. */
export function suggestedKey(photo: PhotoToAdd): string {
  const named = 'path' in photo.file ? keyFromPath(photo.file.path) : '';
  const key = named !== '' ? named : keyFromPath(`${photo.alt.split(/\s+/).slice(0, 6).join(' ')}.x`);
  return (key === '' ? 'pasted-image' : key).slice(0, 48).replace(/-+$/, '');
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
