// Feriados: the year's calendar as the routines see it (national, state, city and the company's own),
// and the company's own days off.
import { ActionIcon, Alert, Badge, Loader, Stack, Table, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { YearPickerInput } from '@mantine/dates';
import { IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { isoWeekday } from '../../../shared/calendar';
import type { HolidayRow } from '../../../shared/contract/company';
import { call } from '../../api';
import { formatDateBR } from '../../lib/format';
import { toastError, toastSaved } from '../../lib/forms';
import { useApi } from '../../lib/use-api';
import { AddHolidayForm } from './add-holiday-form';
import { screenTrail } from '../../app/screens';
import { PageHeader } from '../../lib/page-header';

const WEEKDAYS = [
  'segunda-feira',
  'terça-feira',
  'quarta-feira',
  'quinta-feira',
  'sexta-feira',
  'sábado',
  'domingo',
];
const SOURCES: Record<HolidayRow['source'], { label: string; color: string }> = {
  national: { label: 'Nacional', color: 'blue' },
  state: { label: 'Estadual', color: 'grape' },
  city: { label: 'Municipal', color: 'cyan' },
  custom: { label: 'Próprio', color: 'orange' },
};

function ScopeNote({ rows }: { rows: HolidayRow[] }) {
  const company = useApi('company.get', {});
  if (company.data === undefined) return null;
  const c = company.data;
  if (!c?.state)
    return (
      <Alert color="yellow" title="Só feriados nacionais">
        Informe o estado e a cidade em <a href="#/empresa">Empresa</a> para incluir os feriados estaduais e
        municipais.
      </Alert>
    );
  const noCity = c.city && !rows.some((r) => r.source === 'city');
  return (
    <Text size="sm" c="dimmed">
      Feriados nacionais, de {c.state}
      {c.city ? ` e de ${c.city}` : ''} (altere em <a href="#/empresa">Empresa</a>), mais os próprios.
      {noCity &&
        ` Nenhum feriado municipal conhecido para "${c.city}" neste ano: se a cidade tem algum, adicione-o abaixo.`}
    </Text>
  );
}

export default function HolidaysPage() {
  const [year, setYear] = useState(() => new Date().getFullYear());
  const holidays = useApi('holidays.list', { year });
  const rows = holidays.data ?? [];

  async function remove(row: HolidayRow) {
    if (!row.custom) return;
    try {
      await call('holidays.remove', { date: row.custom.date });
      toastSaved(`Feriado "${row.name}" removido`);
    } catch (e) {
      toastError(e);
    }
  }

  return (
    <Stack gap="lg">
      <PageHeader
        title="Feriados"
        trail={screenTrail('/feriados')}
        description="Nestes dias as rotinas sem “Executar em feriados” não enviam; os avisos saem na execução seguinte."
        actions={
          <YearPickerInput
            label="Ano"
            value={`${year}-01-01`}
            onChange={(v) => v && setYear(Number(v.slice(0, 4)))}
            minDate="2000-01-01"
            maxDate="2100-12-31"
            w={120}
          />
        }
      />

      <ScopeNote rows={rows} />

      {holidays.error && (
        <Alert color="red" title="Não foi possível carregar os feriados">
          {holidays.error}
        </Alert>
      )}
      {holidays.loading && !holidays.data ? (
        <Loader aria-label="Carregando" />
      ) : (
        <Table striped verticalSpacing="xs" aria-label={`Feriados de ${year}`} maw={900}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Data</Table.Th>
              <Table.Th>Nome</Table.Th>
              <Table.Th>Origem</Table.Th>
              <Table.Th w={60}>
                <VisuallyHidden>Ações</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.date}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {formatDateBR(row.date)}{' '}
                  <Text span size="sm" c="dimmed">
                    {WEEKDAYS[isoWeekday(row.date) - 1]}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {row.name}
                  {row.custom?.yearly && (
                    <Badge ml="xs" size="xs" variant="outline" color="gray">
                      todo ano
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" color={SOURCES[row.source].color}>
                    {SOURCES[row.source].label}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {row.custom && (
                    <Tooltip label="Remover">
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={`Remover feriado ${row.name}`}
                        onClick={() => void remove(row)}
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Tooltip>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}

      <AddHolidayForm onAdded={(h) => setYear(Number(h.date.slice(0, 4)))} />
    </Stack>
  );
}
