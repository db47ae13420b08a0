// The state modules and the backend, given to every component through Svelte's
// context by Desk.svelte (and by tests, with the fake backend).

import { getContext, setContext } from 'svelte';
import type { Backend } from '../api';
import type { Newsroom } from './newsroom.svelte';
import type { IssueSession } from './session.svelte';

export interface Desk {
  backend: Backend;
  newsroom: Newsroom;
  session: IssueSession;
}

const KEY = Symbol('desk');

export function setDesk(desk: Desk): Desk {
  return setContext(KEY, desk);
}

export function getDesk(): Desk {
  const desk = getContext<Desk | undefined>(KEY);
  if (desk === undefined) throw new Error('This component needs the desk: render it inside Workspace.');
  return desk;
}
