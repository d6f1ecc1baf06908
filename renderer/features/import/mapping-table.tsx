// Each column of the spreadsheet, the field of Régua it fills (guessed from the header, or from the
// model chosen; changeable) and its first values, so the mapping is checked against the data itself.
import { Select, Table, Text } from '@mantine/core';
import { FIELD_LABELS, IMPORT_FIELDS, type ImportField } from '../../../shared/import-fields';

const FIELD_OPTIONS = [
  { value: '', label: '— não importar —' },
  ...IMPORT_FIELDS.map((f) => ({ value: f, label: FIELD_LABELS[f] })),
];
const SAMPLE_ROWS = 3;

export type Mapping = Record<string, ImportField | ''>;

export function MappingTable(props: {
  columns: string[];
  mapping: Partial<Record<string, ImportField>>;
  preview: Record<string, string>[];
  onChange: (mapping: Mapping) => void;
}) {
  const { columns, mapping, preview } = props;
  const change = (header: string, field: ImportField | '') => {
    const next: Mapping = Object.fromEntries(columns.map((h) => [h, mapping[h] ?? '']));
    // A field comes from one column: choosing it here takes it from the other one.
    if (field) for (const h of columns) if (next[h] === field) next[h] = '';
    next[header] = field;
    props.onChange(next);
  };
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table withTableBorder verticalSpacing={6} aria-label="Colunas do arquivo">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Coluna no arquivo</Table.Th>
            <Table.Th w={260}>Campo no Régua</Table.Th>
            <Table.Th>Primeiras linhas</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {columns.map((header, i) => (
            <Table.Tr key={`${header}-${i}`}>
              <Table.Td fw={500}>{header || <Text c="dimmed">(sem título)</Text>}</Table.Td>
              <Table.Td>
                <Select
                  aria-label={`Campo da coluna ${header}`}
                  data={FIELD_OPTIONS}
                  allowDeselect={false}
                  searchable
                  value={mapping[header] ?? ''}
                  onChange={(v) => change(header, (v ?? '') as ImportField | '')}
                  size="xs"
                />
              </Table.Td>
              <Table.Td>
                <Text size="xs" c="dimmed" lineClamp={2}>
                  {preview
                    .slice(0, SAMPLE_ROWS)
                    .map((row) => row[header] || '—')
                    .join(' · ')}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The first lines as the file has them (a retorno: the payments read from it). */
export function PreviewTable({ columns, preview }: { columns: string[]; preview: Record<string, string>[] }) {
  if (preview.length === 0) return null;
  return (
    <Table.ScrollContainer minWidth={columns.length * 120} maxHeight={260}>
      <Table striped withTableBorder fz="xs" aria-label="Primeiras linhas do arquivo">
        <Table.Thead>
          <Table.Tr>
            {columns.map((c, i) => (
              <Table.Th key={`${c}-${i}`} style={{ whiteSpace: 'nowrap' }}>
                {c}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {preview.map((row, r) => (
            <Table.Tr key={r}>
              {columns.map((c, i) => (
                <Table.Td key={`${c}-${i}`} style={{ whiteSpace: 'nowrap' }}>
                  {row[c]}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
