// The column model: one shipped (an ERP's documented export, or the generic one) or saved here under a
// name, to be chosen again next time (and by the "Importar arquivos" routine).
import { Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { IconDeviceFloppy, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import type { ImportField, RowType } from '../../../shared/import-fields';
import { ApiCallError, call } from '../../api';
import { toastError, toastSaved } from '../../lib/forms';
import { useApi } from '../../lib/use-api';

export function PresetControls(props: {
  presetId: string | null;
  type: RowType;
  mapping: Partial<Record<string, ImportField>>;
  onChoose: (presetId: string | null) => void;
}) {
  const presets = useApi('imports.presets', {});
  const [saving, setSaving] = useState(false);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const chosen = presets.data?.find((p) => p.id === props.presetId);

  const save = async () => {
    const columns = Object.fromEntries(Object.entries(props.mapping).filter(([, f]) => f)) as Record<
      string,
      ImportField
    >;
    try {
      const list = await call('imports.savePreset', { name, type: props.type, columns });
      const saved = list.find((p) => p.name.toLowerCase() === name.trim().toLowerCase());
      toastSaved(`Modelo "${name.trim()}" salvo`);
      setSaving(false);
      if (saved) props.onChoose(saved.id);
    } catch (e) {
      setError(e instanceof ApiCallError ? (e.fieldErrors.name ?? e.message) : (e as Error).message);
    }
  };

  return (
    <Group align="flex-end" gap="sm">
      <Select
        label="Modelo de colunas"
        placeholder="Genérico (colunas reconhecidas pelo nome)"
        data={(presets.data ?? [])
          .filter((p) => p.id !== 'generico')
          .map((p) => ({ value: p.id, label: p.shipped ? p.name : `${p.name} (salvo)` }))}
        clearable
        value={props.presetId}
        onChange={(v) => props.onChoose(v)}
        w={340}
      />
      <Button
        variant="default"
        leftSection={<IconDeviceFloppy size={16} />}
        onClick={() => {
          setName('');
          setError(null);
          setSaving(true);
        }}
      >
        Salvar como modelo
      </Button>
      {chosen && !chosen.shipped && (
        <Button
          variant="subtle"
          color="red"
          leftSection={<IconTrash size={16} />}
          onClick={() =>
            void call('imports.removePreset', { id: chosen.id }).then(() => {
              toastSaved(`Modelo "${chosen.name}" removido`);
              props.onChoose(null);
            }, toastError)
          }
        >
          Remover modelo
        </Button>
      )}
      <Modal opened={saving} onClose={() => setSaving(false)} title="Salvar as colunas como modelo">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <Stack>
            <TextInput
              label="Nome do modelo"
              placeholder="Ex.: Meu ERP — boletos em aberto"
              description="Da próxima vez, escolha o modelo e as colunas já vêm indicadas"
              data-autofocus
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={error}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setSaving(false)}>
                Cancelar
              </Button>
              <Button type="submit">Salvar</Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Group>
  );
}
