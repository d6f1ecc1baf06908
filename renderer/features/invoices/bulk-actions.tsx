// What the clerk does with the ticked invoices: Marcar como paga (one date, each for its full amount),
// Enviar por e-mail (one layout) and Cancelar. Each asks first, saying how many and which, and the
// answer comes back as a summary in plain Portuguese (how many done, which were left out and why).
import { Alert, Button, Group, Paper, Select, Stack, Text } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { IconCash, IconMail, IconX } from '@tabler/icons-react';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { InvoiceFilter } from '../../../shared/contract/records';
import { bulkSummary, type BulkAction, type BulkResult } from '../../../shared/invoice-bulk';
import { call } from '../../api';
import { parseDateBR, plural } from '../../lib/format';
import { ConfirmModal } from '../../lib/confirm-modal';
import { useApi } from '../../lib/use-api';
import { SUGGESTED_LAYOUT } from '../../lib/layouts';
import { layoutOptions } from './layout-choice';
import type { InvoiceSelectionState } from './selection';

export interface BulkOutcome {
  action: BulkAction;
  lines: string[];
  /** Whether everything asked was done. */
  complete: boolean;
}

const TITLES: Record<BulkAction, string> = {
  markPaid: 'Marcar como paga',
  send: 'Enviar por e-mail',
  cancel: 'Cancelar faturas',
  reopen: 'Reabrir faturas',
};

/** "2021-0001, 2021-0002 e mais 3", or "as 120 faturas dos filtros". */
function which(selected: InvoiceSelectionState, total: number): string {
  if (selected.selection.allMatching)
    return total === 1
      ? 'a fatura que atende aos filtros'
      : `as ${plural(total, 'fatura', 'faturas')} que atendem aos filtros`;
  const numbers = [...selected.selection.rows.values()].map((i) => i.number);
  const shown = numbers.slice(0, 8).join(', ');
  return numbers.length > 8 ? `${shown} e mais ${numbers.length - 8}` : shown;
}

const newBatchId = () =>
  typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

export function BulkBar(props: {
  selected: InvoiceSelectionState;
  total: number;
  pageCount: number;
  filter: InvoiceFilter;
  onOutcome: (outcome: BulkOutcome) => void;
}) {
  const { selected, total } = props;
  const count = selected.count(total);
  const [open, setOpen] = useState<BulkAction | null>(null);
  if (count === 0) return null;
  const target = selected.selection.allMatching
    ? { filter: props.filter }
    : { ids: [...selected.selection.rows.keys()] };
  const finish = (action: BulkAction) => (result: BulkResult) => {
    props.onOutcome({ action, lines: bulkSummary(action, result), complete: result.notDone.length === 0 });
    selected.clear();
  };
  const countText = plural(count, 'fatura', 'faturas');
  return (
    <Paper withBorder shadow="xs" p="xs">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Group gap="xs">
          <Text size="sm" fw={500} aria-live="polite">
            {selected.selection.allMatching
              ? `Todas as ${countText} dos filtros selecionadas.`
              : `${plural(count, 'fatura selecionada', 'faturas selecionadas')}.`}
          </Text>
          {!selected.selection.allMatching && count >= props.pageCount && total > count && (
            <Button variant="subtle" size="compact-sm" onClick={selected.selectAllMatching}>
              Selecionar todas as {plural(total, 'fatura', 'faturas')} dos filtros
            </Button>
          )}
          <Button variant="subtle" size="compact-sm" onClick={selected.clear}>
            Limpar seleção
          </Button>
        </Group>
        <Group gap="xs">
          <Button size="compact-md" leftSection={<IconCash size={16} />} onClick={() => setOpen('markPaid')}>
            Marcar como paga
          </Button>
          <Button size="compact-md" leftSection={<IconMail size={16} />} onClick={() => setOpen('send')}>
            Enviar por e-mail
          </Button>
          <Button
            size="compact-md"
            color="red"
            variant="outline"
            leftSection={<IconX size={16} />}
            onClick={() => setOpen('cancel')}
          >
            Cancelar
          </Button>
        </Group>
      </Group>
      {open === 'markPaid' && (
        <MarkPaidDialog
          question={`Marcar ${countText} como ${count === 1 ? 'paga' : 'pagas'}?`}
          which={which(selected, total)}
          onClose={() => setOpen(null)}
          run={(date) => call('invoices.bulkMarkPaid', { target, date }).then(finish('markPaid'))}
        />
      )}
      {open === 'send' && (
        <SendDialog
          question={`Enviar ${countText} por e-mail agora?`}
          which={which(selected, total)}
          onClose={() => setOpen(null)}
          run={(layoutId, smtpAccountId, batchId) =>
            call('invoices.bulkSend', { target, layoutId, smtpAccountId, batchId }).then(finish('send'))
          }
        />
      )}
      {open === 'cancel' && (
        <Confirm
          title={TITLES.cancel}
          question={`Cancelar ${countText}?`}
          which={which(selected, total)}
          note="Fatura cancelada não recebe mais avisos; Reabrir desfaz. Faturas pagas não são canceladas (reabra-as antes)."
          confirmLabel={`Cancelar ${countText}`}
          danger
          onClose={() => setOpen(null)}
          run={() => call('invoices.bulkSetStatus', { target, status: 'cancelled' }).then(finish('cancel'))}
        />
      )}
    </Paper>
  );
}

/** The question, which invoices, what the action needs and a note; closes when the action is done. */
function Confirm(props: {
  title: string;
  question: string;
  which: string;
  note: string;
  confirmLabel: string;
  danger?: boolean;
  children?: ReactNode;
  ready?: boolean;
  onClose: () => void;
  run: () => Promise<void>;
}) {
  return (
    <ConfirmModal
      opened
      title={props.title}
      size="lg"
      confirmLabel={props.confirmLabel}
      dismissLabel="Voltar"
      danger={props.danger === true}
      ready={props.ready}
      onConfirm={props.run}
      onClose={props.onClose}
      details={
        <>
          <Text size="sm">{props.which}</Text>
          {props.children}
          <Text size="sm" c="dimmed">
            {props.note}
          </Text>
        </>
      }
    >
      {props.question}
    </ConfirmModal>
  );
}

function MarkPaidDialog(props: {
  question: string;
  which: string;
  onClose: () => void;
  run: (date: string) => Promise<void>;
}) {
  const info = useApi('app.info', {}, { live: false });
  const [date, setDate] = useState<string | null>(null);
  const chosen = date ?? info.data?.today ?? null;
  return (
    <Confirm
      title={TITLES.markPaid}
      question={props.question}
      which={props.which}
      note="Cada fatura é marcada pelo valor integral dela. Fatura paga não recebe mais avisos; as já pagas ou canceladas ficam como estão."
      confirmLabel="Marcar como paga"
      ready={!!chosen}
      onClose={props.onClose}
      run={() => props.run(chosen!)}
    >
      <DateInput
        label="Data do pagamento"
        valueFormat="DD/MM/YYYY"
        dateParser={parseDateBR}
        placeholder="dd/mm/aaaa"
        value={chosen}
        onChange={setDate}
        w={200}
        // Today's date is still on its way: no error before it comes.
        error={chosen || info.loading ? undefined : 'informe a data do pagamento (dd/mm/aaaa)'}
      />
    </Confirm>
  );
}

function SendDialog(props: {
  question: string;
  which: string;
  onClose: () => void;
  run: (layoutId: string, smtpAccountId: string | null, batchId: string) => Promise<void>;
}) {
  const layouts = useApi('layouts.list', {}, { live: false });
  const accounts = useApi('smtp.list', {}, { live: false });
  const options = layoutOptions(layouts.data);
  const [picked, setPicked] = useState<string | null>(null);
  const layoutId =
    picked ?? options.find((o) => o.value === SUGGESTED_LAYOUT.after_due)?.value ?? options[0]?.value ?? '';
  const [accountId, setAccountId] = useState<string | null>(null);
  // One id per dialog: sending again from it never sends twice what already went.
  const [batchId] = useState(newBatchId);
  return (
    <Confirm
      title={TITLES.send}
      question={props.question}
      which={props.which}
      note="Cada cliente recebe o e-mail com o PDF da fatura. Faturas pagas, canceladas ou de clientes sem e-mail válido ficam de fora, com o motivo."
      confirmLabel="Enviar agora"
      ready={!!layoutId}
      onClose={props.onClose}
      run={() => props.run(layoutId, accountId, batchId)}
    >
      <Group grow align="flex-start">
        <Select
          label="Layout de e-mail"
          data={options}
          value={layoutId}
          allowDeselect={false}
          onChange={(v) => v && setPicked(v)}
        />
        {accounts.data && accounts.data.length > 1 && (
          <Select
            label="Enviar pela conta"
            placeholder="a conta da rotina"
            data={accounts.data.map((a) => ({ value: a.id, label: a.name || a.fromAddress }))}
            value={accountId}
            onChange={setAccountId}
            clearable
          />
        )}
      </Group>
    </Confirm>
  );
}

/**
 * The answer of the last bulk action, until the clerk closes it. It takes the focus: the bar whose
 * button opened the dialog is gone with the selection, and the answer is what to read next.
 */
export function BulkOutcomeAlert({ outcome, onClose }: { outcome: BulkOutcome; onClose: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // After the dialog has given the focus back (to a button that is no longer there).
    const timer = setTimeout(() => ref.current?.focus(), 50);
    return () => clearTimeout(timer);
  }, [outcome]);
  return (
    <Alert
      ref={ref}
      tabIndex={-1}
      color={outcome.complete ? 'teal' : 'yellow'}
      title={`${TITLES[outcome.action]}: resultado`}
      withCloseButton
      closeButtonLabel="Fechar resultado"
      onClose={onClose}
      data-clerk-message
    >
      <Stack gap={2}>
        {outcome.lines.map((line) => (
          <Text key={line} size="sm">
            {line}
          </Text>
        ))}
      </Stack>
    </Alert>
  );
}
