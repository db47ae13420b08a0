import { clearMocks } from '@tauri-apps/api/mocks';
import { cleanup } from '@testing-library/svelte';
import { afterEach } from 'vitest';

afterEach(() => {
  // Unmount first: components stop listening through the IPC mocks as they go.
  cleanup();
  // Each test installs the IPC it needs; none may see another's.
  clearMocks();
});
