// The variables a layout may use, at hand while editing: a click puts the variable at the caret of the
// field being edited (Assunto or the body): a chip in the visual editor, {{name}} in the HTML code.
import { Button, Group, Paper, ScrollArea, Table, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { TEMPLATE_VARIABLES } from '../../../shared/template-variables';
import { SearchInput } from '../../lib/paged-list';
import { variableTag, type TemplateField } from './insert-variable';

const FIELD_NAME: Record<TemplateField, string> = { subject: 'Assunto', html: 'corpo do e-mail' };

export function VariableCatalogue(props: {
  target: TemplateField;
  /** The field is the visual editor: the variable goes in as a chip. */
  visual: boolean;
  onInsert: (name: string) => void;
}) {
  const [search, setSearch] = useState('');
  const shown = useMemo(() => {
    const q = normalize(search.trim());
    if (!q) return TEMPLATE_VARIABLES;
    return TEMPLATE_VARIABLES.filter((v) => normalize(`${v.name} ${v.description}`).includes(q));
  }, [search]);

  return (
    <Paper withBorder p="md" component="section" aria-label="Variáveis">
      <Group justify="space-between" align="flex-end" mb="xs" wrap="nowrap">
        <div>
          <Title order={2} size="h4">
            Variáveis
          </Title>
          <Text size="sm" c="dimmed">
            Clique para inserir no <strong>{FIELD_NAME[props.target]}</strong>, onde está o cursor
            {props.visual ? ' (entra como uma etiqueta, trocada pelo valor de cada fatura)' : ''}.
          </Text>
        </div>
        <SearchInput
          label="Buscar variável"
          placeholder="ex.: vencimento"
          value={search}
          onChange={setSearch}
          w={220}
        />
      </Group>
      <ScrollArea.Autosize mah={300} type="auto">
        <Table verticalSpacing={4} stickyHeader aria-label="Variáveis disponíveis">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Variável</Table.Th>
              <Table.Th>Descrição e exemplo</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((v) => (
              <Table.Tr key={v.name}>
                <Table.Td>
                  <Button
                    variant="light"
                    size="compact-sm"
                    ff="monospace"
                    fw={500}
                    aria-label={`Inserir ${variableTag(v.name)}`}
                    // Keeps the caret where it is in the field being edited.
                    onMouseDown={(e) => e.preventDefault()}
                    onClick={() => props.onInsert(v.name)}
                  >
                    {variableTag(v.name)}
                  </Button>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{v.description}</Text>
                  <Text size="xs" c="dimmed" style={{ wordBreak: 'break-word' }}>
                    ex.: {v.example}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
            {shown.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={2}>
                  <Text size="sm" c="dimmed">
                    Nenhuma variável com “{search}”. Tente outra palavra, como cliente, fatura ou empresa.
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </ScrollArea.Autosize>
    </Paper>
  );
}

const normalize = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
