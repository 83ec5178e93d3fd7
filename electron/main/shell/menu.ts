import { type BrowserWindow, Menu, app, dialog } from 'electron';

export interface MenuActions {
  /** A bundle, export folder or events file the user chose to import. */
  importPath(path: string): void;
  /** A workspace folder the user chose to open instead of the current one. */
  openWorkspace(dir: string): void;
}

/** The native menu: File (Import…, Open workspace…, Quit), Edit, View. */
export function installMenu(window: BrowserWindow, actions: MenuActions): void {
  const view: Electron.MenuItemConstructorOptions[] = [
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  if (!app.isPackaged) view.push({ role: 'toggleDevTools' });
  const template: Electron.MenuItemConstructorOptions[] = [
    {
      label: 'File',
      submenu: [
        { label: 'Import…', accelerator: 'CmdOrCtrl+I', click: () => void chooseImport(window, actions) },
        { label: 'Open workspace…', accelerator: 'CmdOrCtrl+O', click: () => void chooseWorkspace(window, actions) },
        { type: 'separator' },
        { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    { label: 'View', submenu: view },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

async function chooseImport(window: BrowserWindow, actions: MenuActions): Promise<void> {
  const path = await chooseImportPath(window);
  if (path) actions.importPath(path);
}

/** The native open dialog for anything Attest imports: bundles, export folders, event files. */
export async function chooseImportPath(window: BrowserWindow): Promise<string | null> {
  const result = await dialog.showOpenDialog(window, {
    title: 'Import a snapshot bundle, MLflow export or OpenLineage events',
    properties: ['openFile', 'openDirectory'],
    filters: [
      { name: 'Attest bundles and events', extensions: ['attest', 'tar', 'json', 'jsonl'] },
      { name: 'All files', extensions: ['*'] },
    ],
  });
  const path = result.filePaths[0];
  return !result.canceled && path ? path : null;
}

async function chooseWorkspace(window: BrowserWindow, actions: MenuActions): Promise<void> {
  const result = await dialog.showOpenDialog(window, { title: 'Open an Attest workspace folder', properties: ['openDirectory'] });
  const dir = result.filePaths[0];
  if (!result.canceled && dir) actions.openWorkspace(dir);
}
