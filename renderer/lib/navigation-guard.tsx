// "Sair sem salvar?": while a screen has unsaved changes, leaving it — the menu, a link, the browser's
// Back button, a typed address — first asks. The router's location comes from here (one store for
// the whole app) instead of straight from the address: a change the clerk has not confirmed is held,
// and undone if they choose to keep editing. Closing the tab asks through the browser (browser mode).
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useEffect, useSyncExternalStore } from 'react';
import { navigate as hashNavigate } from 'wouter/use-hash-location';

interface Pending {
  message: string;
  proceed: () => void;
  cancel: () => void;
}

const hashPrefix = /^#?\/?/;
const addressLocation = () => `/${window.location.hash.replace(hashPrefix, '')}`;

let shown: string | null = null;
let guard: string | null = null;
let pending: Pending | null = null;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());

function ask(proceed: () => void, cancel: () => void) {
  pending = {
    message: guard ?? '',
    proceed: () => {
      pending = null;
      guard = null;
      emit();
      proceed();
    },
    cancel: () => {
      pending = null;
      emit();
      cancel();
    },
  };
  emit();
}

function onAddressChange() {
  const next = addressLocation();
  if (next === shown) return;
  if (!guard) {
    shown = next;
    emit();
    return;
  }
  const previous = shown ?? '/';
  ask(
    () => {
      shown = next;
      emit();
    },
    () => hashNavigate(previous, { replace: true }),
  );
}

function subscribe(listener: () => void) {
  if (listeners.size === 0) window.addEventListener('hashchange', onAddressChange);
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) window.removeEventListener('hashchange', onAddressChange);
  };
}

const snapshot = () => (shown ??= addressLocation());

/** wouter's navigate, asking first while a screen has unsaved changes. */
export function guardedNavigate(to: string, options?: { replace?: boolean; state?: unknown }) {
  if (!guard) return hashNavigate(to, options);
  ask(
    () => hashNavigate(to, options),
    () => {},
  );
}

/** The router's location hook (for <Router hook={…}>): the hash location, held while a leave is asked. */
export function useGuardedHashLocation(): [string, typeof guardedNavigate] {
  return [useSyncExternalStore(subscribe, snapshot), guardedNavigate];
}
useGuardedHashLocation.hrefs = (href: string) => `#${href}`;

/** Lets the next navigation through without asking (the changes were just saved or discarded). */
export function releaseUnsavedChangesGuard() {
  guard = null;
}

/** While `dirty`, leaving the screen (or closing the browser tab) asks first. */
export function useUnsavedChangesGuard(dirty: boolean, message: string) {
  useEffect(() => {
    if (!dirty) return;
    guard = message;
    // The desktop app keeps its window in the tray when closed: only the browser tab can be lost.
    const beforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    if (!window.regua) window.addEventListener('beforeunload', beforeUnload);
    return () => {
      if (guard === message) guard = null;
      window.removeEventListener('beforeunload', beforeUnload);
    };
  }, [dirty, message]);
}

/** The question, once in the shell. */
export function UnsavedChangesPrompt() {
  const current = useSyncExternalStore(subscribe, () => pending);
  return (
    <Modal opened={current !== null} onClose={() => current?.cancel()} title="Sair sem salvar?" centered>
      <Stack>
        <Text size="sm">{current?.message}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => current?.cancel()} data-autofocus>
            Continuar editando
          </Button>
          <Button color="red" onClick={() => current?.proceed()}>
            Sair sem salvar
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
