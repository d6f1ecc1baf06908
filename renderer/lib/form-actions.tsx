// The end of a form in a modal: why the last save failed, then Cancelar and Salvar.
import { Alert, Button, Group, type MantineSpacing } from '@mantine/core';

export function SaveFailure({ message }: { message: string | null }) {
  return message ? (
    <Alert color="red" title="Não foi possível salvar">
      {message}
    </Alert>
  ) : null;
}

export function FormActions(props: {
  failure?: string | null;
  saving: boolean;
  onCancel: () => void;
  mt?: MantineSpacing;
}) {
  return (
    <>
      <SaveFailure message={props.failure ?? null} />
      <Group justify="flex-end" mt={props.mt}>
        <Button variant="default" onClick={props.onCancel}>
          Cancelar
        </Button>
        <Button type="submit" loading={props.saving}>
          Salvar
        </Button>
      </Group>
    </>
  );
}
