// While the first-start setup is incomplete, Início says so prominently; on a completely empty store
// it opens the guided setup by itself, once per session and only before the user has done anything.
import { Alert, Button, Group, Text } from '@mantine/core';
import { IconRocket } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import { useLocation } from 'wouter';
import type { SetupStatus } from '../../../shared/contract/setup';

const OFFERED_KEY = 'regua.setupOffered';

const isEmptyStore = (s: SetupStatus) =>
  !s.hasCompany && !s.hasSmtpAccount && !s.hasRule && !s.hasRoutine && !s.hasInvoices;

/** Never yank someone away from what they started: any click or key press cancels the redirect. */
function useUntouched() {
  const untouched = useRef(true);
  useEffect(() => {
    const touch = () => (untouched.current = false);
    window.addEventListener('pointerdown', touch, true);
    window.addEventListener('keydown', touch, true);
    return () => {
      window.removeEventListener('pointerdown', touch, true);
      window.removeEventListener('keydown', touch, true);
    };
  }, []);
  return untouched;
}

export function useFirstStartRedirect(status: SetupStatus | undefined) {
  const [location, navigate] = useLocation();
  const untouched = useUntouched();
  useEffect(() => {
    if (!status || location !== '/' || sessionStorage.getItem(OFFERED_KEY)) return;
    sessionStorage.setItem(OFFERED_KEY, '1');
    if (isEmptyStore(status) && untouched.current) navigate('/configuracao-inicial');
  }, [status, location, navigate, untouched]);
}

const STEPS: { key: keyof SetupStatus; label: string }[] = [
  { key: 'hasCompany', label: 'empresa' },
  { key: 'hasSmtpAccount', label: 'conta de e-mail' },
  { key: 'hasRule', label: 'regra de envio' },
  { key: 'hasRoutine', label: 'rotina' },
];

export function SetupCallout({ status }: { status: SetupStatus }) {
  const [, navigate] = useLocation();
  const missing = STEPS.filter((s) => !status[s.key]).map((s) => s.label);
  return (
    <section aria-label="Configuração inicial pendente">
      <Alert
        color="teal"
        variant="filled"
        icon={<IconRocket />}
        title="Falta pouco para a Régua enviar as faturas sozinha"
        role="note"
      >
        <Group justify="space-between" align="center" gap="md">
          <Text size="sm">
            Ainda falta cadastrar: {missing.join(', ')}. A configuração guiada leva poucos minutos, ou
            carregue dados de exemplo para ver tudo funcionando.
          </Text>
          <Button variant="white" color="teal" onClick={() => navigate('/configuracao-inicial')}>
            Abrir configuração inicial
          </Button>
        </Group>
      </Alert>
    </section>
  );
}
