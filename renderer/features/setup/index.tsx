// Configuração inicial: four short steps (empresa, conta de e-mail, primeira regra, primeira rotina),
// each saved on its own with the same schemas main uses, or the sample data all at once.
import { Button, Group, Loader, Stack, Stepper, Text, Title } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useLocation } from 'wouter';
import type { SetupStatus } from '../../../shared/contract/setup';
import { useApi } from '../../lib/use-api';
import { AccountStep } from './account-step';
import { CompanyStep } from './company-step';
import { RoutineStep } from './routine-step';
import { RuleStep } from './rule-step';
import { SampleDataCard } from './sample-card';
import { PageHeader } from '../../lib/page-header';

const DONE_KEYS: (keyof SetupStatus)[] = ['hasCompany', 'hasSmtpAccount', 'hasRule', 'hasRoutine'];
const firstMissing = (s: SetupStatus) => {
  const i = DONE_KEYS.findIndex((k) => !s[k]);
  return i === -1 ? DONE_KEYS.length : i;
};

export default function SetupPage() {
  const status = useApi('setup.status', {});
  const [, navigate] = useLocation();
  const [active, setActive] = useState<number | null>(null);

  // Open on the first step still missing, once; afterwards the user moves freely.
  useEffect(() => {
    if (active === null && status.data) setActive(firstMissing(status.data));
  }, [active, status.data]);

  const s = status.data;
  const done = (i: number) => (s?.[DONE_KEYS[i]!] ? 'Concluído' : undefined);
  const next = () => setActive((a) => (a ?? 0) + 1);
  const back = () => setActive((a) => Math.max(0, (a ?? 0) - 1));

  return (
    <Stack gap="lg" maw={880}>
      <PageHeader
        title="Configuração inicial"
        description="Quatro passos e a Régua passa a enviar as faturas sozinha, no dia certo. Tudo pode ser alterado depois no menu."
      />
      {active !== DONE_KEYS.length && <SampleDataCard hasInvoices={s?.hasInvoices ?? false} />}
      {active === null ? (
        <Loader aria-label="Carregando" />
      ) : (
        <Stepper active={active} onStepClick={setActive} allowNextStepsSelect size="sm">
          <Stepper.Step label="Empresa" description={done(0) ?? 'Nome e cidade'}>
            <CompanyStep onDone={next} />
          </Stepper.Step>
          <Stepper.Step label="Conta de e-mail" description={done(1) ?? 'SMTP ou modo de teste'}>
            <AccountStep onDone={next} onBack={back} />
          </Stepper.Step>
          <Stepper.Step label="Primeira regra" description={done(2) ?? 'Quando o e-mail sai'}>
            <RuleStep onDone={next} onBack={back} />
          </Stepper.Step>
          <Stepper.Step label="Primeira rotina" description={done(3) ?? 'Horário do envio'}>
            <RoutineStep onDone={next} onBack={back} />
          </Stepper.Step>
          <Stepper.Completed>
            <Stack align="flex-start" gap="sm" py="md">
              <Title order={2} size="h3">
                <IconCircleCheck
                  size={26}
                  style={{ verticalAlign: 'text-bottom' }}
                  color="var(--mantine-color-teal-6)"
                />{' '}
                Tudo pronto
              </Title>
              <Text>
                A rotina vai enviar os avisos no horário escolhido. Traga seus clientes e faturas em Importar
                e acompanhe tudo pelo Início.
              </Text>
              <Group>
                <Button onClick={() => navigate('~/')}>Ir para o Início</Button>
                <Button variant="default" onClick={() => navigate('~/importar')}>
                  Importar clientes e faturas
                </Button>
              </Group>
            </Stack>
          </Stepper.Completed>
        </Stepper>
      )}
    </Stack>
  );
}
