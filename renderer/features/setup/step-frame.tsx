// What every step of the guided setup shares: the error that did not land on a field, and the buttons.
import { Alert, Button, Group } from '@mantine/core';
import type { ReactNode } from 'react';

export function StepError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <Alert color="red" title="Não foi possível salvar" role="alert">
      {message}
    </Alert>
  );
}

export function StepButtons(props: {
  onBack?: () => void;
  submitLabel?: string;
  submitting: boolean;
  extra?: ReactNode;
}) {
  return (
    <Group justify="space-between" mt="md">
      {props.onBack ? (
        <Button variant="default" onClick={props.onBack}>
          Voltar
        </Button>
      ) : (
        <span />
      )}
      <Group>
        {props.extra}
        <Button type="submit" loading={props.submitting}>
          {props.submitLabel ?? 'Salvar e continuar'}
        </Button>
      </Group>
    </Group>
  );
}
