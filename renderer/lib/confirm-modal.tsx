// A yes/no question before an action (one that cannot be undone is `danger`, the default). The modal
// stays open (busy) while the action runs, closes when it succeeds and toasts the error when it does not.
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { toastError } from './forms';

export function ConfirmModal(props: {
  opened: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** The button that closes without acting ("Voltar" where the action itself is "Cancelar …"). */
  dismissLabel?: string;
  /** What the action needs besides a yes (inputs, notes), under the question. */
  details?: ReactNode;
  /** Red confirm button (default): for what cannot be undone. */
  danger?: boolean;
  /** false while the action is missing something it needs (the confirm button is disabled). */
  ready?: boolean;
  size?: string;
  onConfirm: () => Promise<void>;
  onClose: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    try {
      await props.onConfirm();
      props.onClose();
    } catch (e) {
      toastError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.title} size={props.size}>
      <Stack>
        <Text>{props.children}</Text>
        {props.details}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose} data-autofocus disabled={busy}>
            {props.dismissLabel ?? 'Cancelar'}
          </Button>
          <Button
            color={props.danger === false ? undefined : 'red'}
            loading={busy}
            disabled={props.ready === false}
            onClick={() => void confirm()}
          >
            {props.confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
