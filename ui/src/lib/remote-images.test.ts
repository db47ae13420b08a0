import { describe, expect, it } from 'vitest';
import { LOCAL_IMAGES_POLICY, RemoteImageChoices, countRemoteImages, withoutRemoteImages } from './remote-images';

describe('remote images in the preview', () => {
  it('puts the blocking policy first in the head and changes nothing else', () => {
    const page = '<!doctype html><html lang="en"><HEAD data-x="1"><title>T</title></HEAD><body>B</body></html>';
    const blocked = withoutRemoteImages(page);
    expect(blocked).toBe(
      `<!doctype html><html lang="en"><HEAD data-x="1"><meta http-equiv="Content-Security-Policy" content="${LOCAL_IMAGES_POLICY}"><title>T</title></HEAD><body>B</body></html>`,
    );
    const doc = new DOMParser().parseFromString(blocked, 'text/html');
    const meta = doc.head.firstElementChild!;
    expect(meta.getAttribute('http-equiv')).toBe('Content-Security-Policy');
    // Only pictures inside the page and the newsroom's own files (Tauri's asset host).
    const imageSources = meta.getAttribute('content')!.split(';')[0].trim().split(/\s+/).slice(1);
    expect(imageSources).toEqual(['data:', 'asset:', 'http://asset.localhost']);
  });

  it('blocks a page without a head too', () => {
    const blocked = withoutRemoteImages('<!DOCTYPE html><p><img src="https://t.example/p.gif"></p>');
    const doc = new DOMParser().parseFromString(blocked, 'text/html');
    expect(doc.querySelector('meta[http-equiv="Content-Security-Policy"]')).not.toBeNull();
    expect(blocked.startsWith('<!DOCTYPE html><meta')).toBe(true);
  });

  it('counts images from other sites, not the page’s own or local ones', () => {
    const page = `<img src="https://tracker.example/pixel.gif"><img src="//cdn.example/a.png">
      <img src="photos/ab.jpg"><img src="data:image/png;base64,AA=="><img srcset="small.png 1x, https://x.example/b.png 2x">
      <IMG SRC=" http://old.example/c.gif ">`;
    expect(countRemoteImages(page)).toBe(4);
    expect(countRemoteImages('<p>no images</p>')).toBe(0);
  });

  it('remembers the issues whose remote images the editor chose to see, per newsroom', () => {
    const storage = new Map<string, string>();
    const fake = {
      getItem: (k: string) => storage.get(k) ?? null,
      setItem: (k: string, v: string) => void storage.set(k, v),
    } as unknown as Storage;
    const choices = new RemoteImageChoices('/tmp/a.db', fake);
    expect(choices.allowed(3)).toBe(false);
    choices.allow(3, true);
    choices.allow(4, true);
    choices.allow(4, false);
    expect(choices.allowed(3)).toBe(true);
    expect(choices.allowed(4)).toBe(false);
    expect(new RemoteImageChoices('/tmp/a.db', fake).allowed(3)).toBe(true);
    expect(new RemoteImageChoices('/tmp/b.db', fake).allowed(3)).toBe(false);
    storage.set('newsflash.remote-images:/tmp/c.db', 'not json');
    expect(new RemoteImageChoices('/tmp/c.db', fake).allowed(3)).toBe(false);
  });
});
