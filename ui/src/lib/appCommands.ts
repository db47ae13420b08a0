// The app's commands: what each menu item, palette entry and shortcut does, given
// what the workspace can do. The ids are the menu bar's (src-tauri/desktop/src/menu.rs).

import type { EditorView } from '@codemirror/view';
import { type AppCommand, CommandList } from './commands';
import { insertCitation } from './editor/citations';
import { bold, italic, link } from './editor/formatting';
import { openFind, openReplace } from './editor/find';
import type { ThemeChoice } from './theme';
import { VIEWS, type View } from './views';

export type PreviewChoice = 'web' | 'email' | 'dark' | 'phone' | 'text';

/** What the workspace lets the commands do. */
export interface WorkspaceActions {
  /** The editor, when an issue is open. */
  editor: () => EditorView | undefined;
  newIssue: () => void;
  saveNow: () => void;
  exportIssue: () => void;
  openSettings: () => void;
  /** Opens one of the desk's views (Write, Issue, Revisions…). */
  showView: (view: View) => void;
  openPalette: () => void;
  showPreview: (which: PreviewChoice) => void;
  togglePreview: () => void;
  toggleFocusMode: () => void;
  setTheme: (theme: ThemeChoice) => void;
}

export const appCommandIds = [
  'new-issue',
  'save-now',
  'export',
  'settings',
  'find',
  'replace',
  'insert-citation',
  'command-palette',
  ...VIEWS.map(({ view }) => `view-${view}` as const),
  'bold',
  'italic',
  'link',
  'preview-web',
  'preview-email',
  'preview-dark',
  'preview-phone',
  'preview-text',
  'toggle-preview',
  'focus-mode',
  'theme-system',
  'theme-light',
  'theme-dark',
] as const;

export function appCommands(actions: WorkspaceActions): CommandList {
  const inEditor = (run: (view: EditorView) => unknown) => () => {
    const view = actions.editor();
    if (view !== undefined) run(view);
  };
  const hasEditor = () => actions.editor() !== undefined;
  const preview = (which: PreviewChoice, label: string, key: string): AppCommand => ({
    id: `preview-${which}`,
    label: `Preview: ${label}`,
    // Ctrl/⌘ with a digit alone opens the desk's views.
    keys: [`Mod-Alt-${key}`],
    run: () => actions.showPreview(which),
  });
  const commands: AppCommand[] = [
    { id: 'new-issue', label: 'New issue', keys: ['Mod-n'], run: actions.newIssue },
    { id: 'save-now', label: 'Save now', keys: ['Mod-s'], run: actions.saveNow, enabled: hasEditor },
    { id: 'export', label: 'Export…', keys: ['Mod-e'], run: actions.exportIssue, enabled: hasEditor },
    { id: 'settings', label: 'Settings…', keys: ['Mod-,'], run: actions.openSettings },
    { id: 'find', label: 'Find…', keys: ['Mod-f'], run: inEditor(openFind), enabled: hasEditor },
    { id: 'replace', label: 'Find and replace…', keys: ['Mod-h', 'Mod-Alt-f'], run: inEditor(openReplace), enabled: hasEditor },
    { id: 'insert-citation', label: 'Cite a source…', keys: ['Mod-Shift-2'], run: inEditor(insertCitation), enabled: hasEditor },
    { id: 'command-palette', label: 'All commands…', keys: ['Mod-Shift-p', 'Mod-Shift-k'], run: actions.openPalette },
    { id: 'bold', label: 'Bold', keys: ['Mod-b'], run: inEditor(bold), enabled: hasEditor },
    { id: 'italic', label: 'Italic', keys: ['Mod-i'], run: inEditor(italic), enabled: hasEditor },
    {
      id: 'link',
      label: 'Link',
      keys: ['Mod-k'],
      // In the text, Ctrl/⌘+K makes a link; anywhere else it opens the palette.
      run: () => {
        const view = actions.editor();
        if (view !== undefined && view.hasFocus) link(view);
        else actions.openPalette();
      },
    },
    ...VIEWS.map(
      (option): AppCommand => ({
        id: `view-${option.view}`,
        label: `Go to ${option.label}`,
        keys: [`Mod-${option.key}`],
        run: () => actions.showView(option.view),
      }),
    ),
    preview('web', 'web page', '1'),
    preview('email', 'email', '2'),
    preview('dark', 'email in dark mode', '3'),
    preview('phone', 'email on a phone', '4'),
    preview('text', 'plain text', '5'),
    { id: 'toggle-preview', label: 'Show or hide the preview', keys: ['Mod-\\'], run: actions.togglePreview },
    { id: 'focus-mode', label: 'Focus mode', keys: ['Mod-Shift-f'], run: actions.toggleFocusMode },
    { id: 'theme-system', label: 'Theme: as the system', run: () => actions.setTheme('system') },
    { id: 'theme-light', label: 'Theme: light', run: () => actions.setTheme('light') },
    { id: 'theme-dark', label: 'Theme: dark', run: () => actions.setTheme('dark') },
  ];
  return new CommandList(commands);
}
