// The "Importar arquivos" task's own fields: the watched folder, what files it holds (and their column
// model), whether a file with bad lines imports its good ones, and when besides its schedule it runs.
import { Select, SimpleGrid, Stack, Switch, TextInput } from '@mantine/core';
import { Controller, type Control, type FieldErrors } from 'react-hook-form';
import { ROW_TYPE_LABELS } from '../../../shared/import-fields';
import type { Routine } from '../../../shared/domain';
import { useApi } from '../../lib/use-api';
import type { RoutineInput } from './routine-values';

const FILE_TYPES = [
  { value: 'auto', label: 'Reconhecer pelo conteúdo' },
  { value: 'customers', label: ROW_TYPE_LABELS.customers },
  { value: 'invoices', label: ROW_TYPE_LABELS.invoices },
  { value: 'payments', label: ROW_TYPE_LABELS.payments },
];

export function ImportFields(props: {
  control: Control<RoutineInput, unknown, Routine>;
  errors: FieldErrors<RoutineInput>;
  sendRoutines: { id: string; description: string }[];
}) {
  const { control, errors } = props;
  const presets = useApi('imports.presets', {});
  const presetOptions = (presets.data ?? []).map((p) => ({ value: p.id, label: p.name }));
  return (
    <Stack gap="md">
      <Controller
        control={control}
        name="folder"
        render={({ field }) => (
          <TextInput
            label="Pasta"
            placeholder="/home/financeiro/importar ou C:\ERP\exportacoes"
            description="Caminho completo da pasta onde o ERP ou o banco deixam os arquivos. Cada arquivo importado vai para a subpasta processados; um arquivo recusado, para com-erro — sempre com um relatório ao lado."
            value={field.value}
            onChange={(e) => field.onChange(e.currentTarget.value)}
            onBlur={field.onBlur}
            error={errors.folder?.message}
          />
        )}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Controller
          control={control}
          name="fileType"
          render={({ field }) => (
            <Select
              label="Arquivos de"
              description="Retorno do banco (CNAB) é sempre de pagamentos"
              data={FILE_TYPES}
              allowDeselect={false}
              value={field.value}
              onChange={(v) => v && field.onChange(v)}
            />
          )}
        />
        <Controller
          control={control}
          name="presetId"
          render={({ field }) => (
            <Select
              label="Modelo de colunas"
              description="Para planilhas; sem modelo, as colunas são reconhecidas pelo nome"
              placeholder="Genérico (colunas reconhecidas pelo nome)"
              data={presetOptions.filter((p) => p.value !== 'generico')}
              clearable
              value={field.value ?? null}
              onChange={(v) => field.onChange(v)}
              error={errors.presetId?.message}
            />
          )}
        />
      </SimpleGrid>
      <Controller
        control={control}
        name="beforeRoutineId"
        render={({ field }) => (
          <Select
            label="Executar também logo antes de"
            description="A rotina de envio só começa depois de importar os arquivos da pasta: a importação da manhã sempre chega antes do envio"
            placeholder="Nenhuma rotina de envio"
            data={props.sendRoutines.map((r) => ({ value: r.id, label: r.description }))}
            clearable
            value={field.value ?? null}
            onChange={(v) => field.onChange(v)}
            error={errors.beforeRoutineId?.message}
          />
        )}
      />
      <Controller
        control={control}
        name="watch"
        render={({ field }) => (
          <Switch
            label="Verificar a pasta a cada minuto"
            description="Enquanto o Régua estiver aberto, um arquivo novo é importado logo que chega; os deixados com o Régua fechado são importados ao abrir"
            checked={field.value}
            onChange={(e) => field.onChange(e.currentTarget.checked)}
          />
        )}
      />
      <Controller
        control={control}
        name="onlyValid"
        render={({ field }) => (
          <Switch
            label="Importar só as linhas válidas"
            description="Desligado: um arquivo com qualquer linha errada não é importado e vai para com-erro, com o relatório das linhas a corrigir"
            checked={field.value}
            onChange={(e) => field.onChange(e.currentTarget.checked)}
          />
        )}
      />
    </Stack>
  );
}
