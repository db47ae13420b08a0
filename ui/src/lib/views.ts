// The views of the desk, in the order of the rail; Ctrl (Cmd) + the key opens each.

export type View = 'write' | 'issue' | 'revisions' | 'sources' | 'photos' | 'settings';

export const VIEWS: readonly { view: View; label: string; key: string; glyph: string }[] = [
  { view: 'write', label: 'Write', key: '1', glyph: '✎' },
  { view: 'issue', label: 'Issue', key: '2', glyph: '☰' },
  { view: 'revisions', label: 'Revisions', key: '3', glyph: '↺' },
  { view: 'sources', label: 'Sources', key: '4', glyph: '❝' },
  { view: 'photos', label: 'Photos', key: '5', glyph: '▣' },
  { view: 'settings', label: 'Settings', key: '6', glyph: '⚙' },
];
